package com.englishstudy.chat.dynamodb.message;

import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.message.SaveOutcome;
import com.englishstudy.chat.domain.voice.Voice;
import com.englishstudy.chat.dynamodb.table.Batches;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.dynamodb.table.Positions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Messages on the single table. An idempotent send is a conditional put of the idempotency item first and the
 * message second, both guarded by {@code attribute_not_exists}: of racing saves of one key exactly one gets to
 * store, and a save that died between the two puts is finished by the next repeat of its key.
 */
public final class DynamoDbMessageRepository implements MessageRepository {
    /**
     * How long a repeat waits for the first save of its key to write the message before writing it itself. Only
     * a crash leaves the gap that long; both writers use the same condition, so either way one message is stored.
     */
    static final Duration REPAIR_AFTER = Duration.ofSeconds(10);
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final Pattern MESSAGE_SORT_KEY = Pattern.compile("MSG#" + TIME + "#.+");
    private static final Expression NOT_STORED_YET = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .putExpressionName("#pk", ChatTable.PK)
            .build();
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<MessageItem> messages;

    public DynamoDbMessageRepository(DynamoDbEnhancedClient enhanced, String tableName) {
        this.enhanced = enhanced;
        this.messages = enhanced.table(tableName, MessageItem.SCHEMA);
    }

    @Override
    public SaveOutcome save(ChatMessage message) {
        if (message.clientMessageId() != null) {
            try {
                putIfAbsent(MessageItem.idempotencyOf(message));
            } catch (ConditionalCheckFailedException repeated) {
                return repeatOf(message, repeated);
            }
        }
        try {
            putIfAbsent(MessageItem.of(message));
            return new SaveOutcome.Stored(message);
        } catch (ConditionalCheckFailedException taken) {
            if (message.clientMessageId() == null) {
                throw new IllegalStateException("message id already used: " + message.messageId(), taken);
            }
            // A repeat of our key saw our idempotency item long enough without its message and wrote it for us.
            return new SaveOutcome.Duplicate(storedOrSelf(message));
        }
    }

    private SaveOutcome repeatOf(ChatMessage repeat, ConditionalCheckFailedException refusal) {
        MessageItem first = refusal.hasItem() && !refusal.item().isEmpty()
                ? MessageItem.SCHEMA.mapToItem(refusal.item())
                : consistentGet(MessageItem.idempotencyKey(repeat));
        if (first == null) {
            // The room's messages were deleted between our put and our read: the key is free again.
            return save(repeat);
        }
        ChatMessage original = first.toMessage();
        MessageItem stored = consistentGet(MessageItem.key(original));
        if (stored != null) return new SaveOutcome.Duplicate(stored.toMessage());
        if (Duration.between(original.createdAt(), repeat.createdAt()).compareTo(REPAIR_AFTER) < 0) {
            // The first save is most likely still between its two puts: it will store and broadcast.
            return new SaveOutcome.Duplicate(original);
        }
        try {
            putIfAbsent(MessageItem.of(original));
            return new SaveOutcome.Stored(original);
        } catch (ConditionalCheckFailedException finishedMeanwhile) {
            return new SaveOutcome.Duplicate(storedOrSelf(original));
        }
    }

    private ChatMessage storedOrSelf(ChatMessage message) {
        MessageItem stored = consistentGet(MessageItem.key(message));
        return stored == null ? message : stored.toMessage();
    }

    @Override
    public Optional<ChatMessage> find(String messageId) {
        return locate(messageId).map(MessageItem::toMessage);
    }

    @Override
    public Page<ChatMessage> listByRoom(String roomId, PageRequest page) {
        String partition = MessageItem.roomPartition(roomId);
        Map<String, Predicate<String>> shape = new LinkedHashMap<>();
        shape.put(ChatTable.PK, partition::equals);
        shape.put(ChatTable.SK, s -> MESSAGE_SORT_KEY.matcher(s).matches());
        return newestFirst(messages.query(request(
                QueryConditional.sortBeginsWith(k -> k.partitionValue(partition).sortValue(MessageItem.MESSAGE_PREFIX)),
                shape, page)), shape, page);
    }

    @Override
    public Page<ChatMessage> listByUser(String userId, PageRequest page) {
        String partition = MessageItem.USER_PREFIX + userId;
        Map<String, Predicate<String>> shape = new LinkedHashMap<>();
        shape.put(ChatTable.GSI1_PK, partition::equals);
        shape.put(ChatTable.GSI1_SK, s -> MESSAGE_SORT_KEY.matcher(s).matches());
        shape.put(ChatTable.PK, s -> s.startsWith(MessageItem.ROOM_PREFIX) && s.length() > MessageItem.ROOM_PREFIX.length());
        shape.put(ChatTable.SK, s -> MESSAGE_SORT_KEY.matcher(s).matches());
        return newestFirst(messages.index(ChatTable.GSI1).query(request(
                QueryConditional.sortBeginsWith(k -> k.partitionValue(partition).sortValue(MessageItem.MESSAGE_PREFIX)),
                shape, page)), shape, page);
    }

    private static QueryEnhancedRequest request(QueryConditional condition, Map<String, Predicate<String>> shape,
                                                PageRequest page) {
        return QueryEnhancedRequest.builder()
                .queryConditional(condition)
                .scanIndexForward(false)
                .limit(page.limit() + 1)
                .exclusiveStartKey(page.after() == null ? null : Positions.decode(page.after(), shape))
                .build();
    }

    /** Reads one more than the page so that the last page says so; the position names the last item returned. */
    private static Page<ChatMessage> newestFirst(Iterable<software.amazon.awssdk.enhanced.dynamodb.model.Page<MessageItem>> pages,
                                                 Map<String, Predicate<String>> shape, PageRequest page) {
        List<MessageItem> found = new ArrayList<>(page.limit() + 1);
        for (var result : pages) {
            for (MessageItem item : result.items()) {
                if (found.size() > page.limit()) break;
                found.add(item);
            }
            if (found.size() > page.limit()) break;
        }
        if (found.size() <= page.limit()) return new Page<>(found.stream().map(MessageItem::toMessage).toList(), null);
        List<String> names = List.copyOf(shape.keySet());
        String position = Positions.encode(MessageItem.SCHEMA.itemToMap(found.get(page.limit() - 1), names), names);
        return new Page<>(found.subList(0, page.limit()).stream().map(MessageItem::toMessage).toList(), position);
    }

    @Override
    public void recordVoiceKey(String messageId, Voice voice, String key) {
        MessageItem located = locate(messageId).orElse(null);
        if (located == null) return;
        MessageItem change = new MessageItem();
        change.setPk(located.getPk());
        change.setSk(located.getSk());
        if (voice == Voice.MALE) change.setMaleVoiceKey(key);
        else change.setFemaleVoiceKey(key);
        try {
            messages.updateItem(UpdateItemEnhancedRequest.builder(MessageItem.class)
                    .item(change)
                    .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(ChatTable.ITEM_EXISTS)
                    .build());
        } catch (ConditionalCheckFailedException deletedMeanwhile) {
            // The port asks for nothing when the message is gone.
        }
    }

    @Override
    public void deleteByRoom(String roomId) {
        // Messages before idempotency items: a crash in between leaves only keys nobody can reach without the room.
        deleteAllWithPrefix(roomId, MessageItem.MESSAGE_PREFIX);
        deleteAllWithPrefix(roomId, MessageItem.IDEMPOTENCY_PREFIX);
    }

    private void deleteAllWithPrefix(String roomId, String prefix) {
        String partition = MessageItem.roomPartition(roomId);
        List<Key> keys = new ArrayList<>();
        messages.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k -> k.partitionValue(partition).sortValue(prefix)))
                        .attributesToProject(ChatTable.PK, ChatTable.SK)
                        .build())
                .items()
                .forEach(item -> keys.add(item.primaryKey()));
        Batches.deleteAll(enhanced, messages, MessageItem.class, keys);
    }

    /** By id through GSI2, which holds exactly one item per message. */
    private Optional<MessageItem> locate(String messageId) {
        for (var result : messages.index(ChatTable.GSI2).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(MessageItem.MESSAGE_PREFIX + messageId)))
                .limit(1)
                .build())) {
            if (!result.items().isEmpty()) return Optional.of(result.items().get(0));
            if (result.lastEvaluatedKey() == null || result.lastEvaluatedKey().isEmpty()) break;
        }
        return Optional.empty();
    }

    private void putIfAbsent(MessageItem item) {
        messages.putItem(PutItemEnhancedRequest.builder(MessageItem.class)
                .item(item)
                .conditionExpression(NOT_STORED_YET)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
    }

    private MessageItem consistentGet(Key key) {
        return messages.getItem(GetItemEnhancedRequest.builder().key(key).consistentRead(true).build());
    }
}
