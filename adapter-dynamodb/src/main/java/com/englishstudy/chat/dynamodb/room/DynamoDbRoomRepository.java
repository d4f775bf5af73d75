package com.englishstudy.chat.dynamodb.room;

import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.MembershipChange;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomFilter;
import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.domain.room.RoomStatus;
import com.englishstudy.chat.dynamodb.room.MembershipItem.RoomFacts;
import com.englishstudy.chat.dynamodb.table.Batches;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.dynamodb.table.Positions;
import com.englishstudy.chat.dynamodb.table.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Rooms on the single table. Every membership change is one conditional UpdateItem on the room item, so
 * capacity holds under any concurrency without transactions; the membership items that serve "rooms I joined"
 * are written before a join and removed after a leave, so a crash between the two writes leaves at worst a
 * membership that the listing skips because the room does not name the user.
 */
public final class DynamoDbRoomRepository implements RoomRepository {
    private static final int MAX_ATTEMPTS = 100;
    private static final int FACTS_CACHE_LIMIT = 10_000;
    private static final Pattern LISTING_SORT_KEY =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#.+");
    private static final Pattern MEMBERSHIP_SORT_KEY =
            Pattern.compile("ROOM#\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#.+");

    private final DynamoDbClient client;
    private final DynamoDbEnhancedClient enhanced;
    private final String tableName;
    private final DynamoDbTable<RoomItem> rooms;
    private final DynamoDbTable<MembershipItem> memberships;
    private final Duration activityResolution;
    /** A room's level and creation time never change, and memberships are keyed by them: no read for them twice. */
    private final ConcurrentHashMap<String, RoomFacts> facts = new ConcurrentHashMap<>();
    /** The latest {@code lastMessageAt} this process knows is stored, for rooms it knows are active. */
    private final ConcurrentHashMap<String, Instant> recordedActivity = new ConcurrentHashMap<>();

    /**
     * @param activityResolution how stale {@code lastMessageAt} may get to save writes: a message within this
     *                           much of the stored value does not rewrite the room (and its two index copies).
     *                           {@link Duration#ZERO} keeps it exact.
     */
    public DynamoDbRoomRepository(DynamoDbClient client, DynamoDbEnhancedClient enhanced, String tableName,
                                  Duration activityResolution) {
        if (activityResolution.isNegative()) throw new IllegalArgumentException("activityResolution must not be negative");
        this.client = client;
        this.enhanced = enhanced;
        this.tableName = tableName;
        this.rooms = enhanced.table(tableName, RoomItem.SCHEMA);
        this.memberships = enhanced.table(tableName, MembershipItem.SCHEMA);
        this.activityResolution = activityResolution;
    }

    @Override
    public void create(Room room) {
        RoomFacts roomFacts = factsOf(room);
        // Memberships first: if the room put never happens, they point at nothing and listings skip them.
        room.memberIds().forEach(member -> memberships.putItem(MembershipItem.of(member, roomFacts)));
        try {
            rooms.putItem(PutItemEnhancedRequest.builder(RoomItem.class)
                    .item(RoomItem.of(room))
                    .conditionExpression(Expression.builder()
                            .expression("attribute_not_exists(#pk)")
                            .putExpressionName("#pk", ChatTable.PK)
                            .build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("room id already used: " + room.roomId(), e);
        }
        remember(roomFacts);
    }

    @Override
    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(read(roomId)).map(RoomItem::toRoom);
    }

    @Override
    public MembershipChange addMember(String roomId, String userId) {
        RoomFacts roomFacts = facts.get(roomId);
        if (roomFacts == null) {
            // Having to read the room anyway, answer from it what needs no write.
            RoomItem item = read(roomId);
            if (item == null) return new MembershipChange.NoSuchRoom();
            Room room = item.toRoom();
            if (room.isMember(userId)) return new MembershipChange.AlreadyMember(room);
            if (room.isFull()) return new MembershipChange.Full(room);
            roomFacts = factsOf(room);
        }
        memberships.putItem(MembershipItem.of(userId, roomFacts));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                var response = client.updateItem(UpdateItemRequest.builder()
                        .tableName(tableName)
                        .key(RoomItem.key(roomId).primaryKeyMap(RoomItem.SCHEMA))
                        .updateExpression("SET #members = list_append(#members, :newMembers), #count = #count + :one")
                        .conditionExpression(
                                "attribute_exists(#pk) AND #count < #max AND NOT contains(#members, :user)")
                        .expressionAttributeNames(Map.of("#pk", ChatTable.PK, "#members", RoomItem.MEMBER_IDS,
                                "#count", RoomItem.CURRENT_MEMBERS, "#max", RoomItem.MAX_MEMBERS))
                        .expressionAttributeValues(Map.of(
                                ":newMembers", AttributeValue.fromL(List.of(AttributeValue.fromS(userId))),
                                ":user", AttributeValue.fromS(userId),
                                ":one", AttributeValue.fromN("1")))
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build());
                return new MembershipChange.Changed(RoomItem.SCHEMA.mapToItem(response.attributes()).toRoom());
            } catch (ConditionalCheckFailedException refused) {
                Room current = roomAfterRefusal(roomId, refused);
                if (current == null) {
                    forgetMembership(userId, roomFacts);
                    return new MembershipChange.NoSuchRoom();
                }
                if (current.isMember(userId)) return new MembershipChange.AlreadyMember(current);
                if (current.isFull()) {
                    forgetMembership(userId, roomFacts);
                    return new MembershipChange.Full(current);
                }
                // The room changed between our condition and our look at it: a place is free now, try again.
            }
        }
        throw new IllegalStateException("could not add " + userId + " to room " + roomId + " under contention");
    }

    @Override
    public MembershipChange removeMember(String roomId, String userId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            RoomItem current = read(roomId);
            if (current == null) return new MembershipChange.NoSuchRoom();
            Room room = current.toRoom();
            int index = room.memberIds().indexOf(userId);
            if (index < 0) return new MembershipChange.NotMember(room);
            try {
                // The list index must be literal; the condition makes sure it still points at this user.
                var response = client.updateItem(UpdateItemRequest.builder()
                        .tableName(tableName)
                        .key(RoomItem.key(roomId).primaryKeyMap(RoomItem.SCHEMA))
                        .updateExpression("REMOVE #members[" + index + "] SET #count = #count - :one")
                        .conditionExpression("#members[" + index + "] = :user")
                        .expressionAttributeNames(Map.of("#members", RoomItem.MEMBER_IDS,
                                "#count", RoomItem.CURRENT_MEMBERS))
                        .expressionAttributeValues(Map.of(
                                ":user", AttributeValue.fromS(userId),
                                ":one", AttributeValue.fromN("1")))
                        .returnValues(ReturnValue.ALL_NEW)
                        .build());
                Room after = RoomItem.SCHEMA.mapToItem(response.attributes()).toRoom();
                // After the room: a crash before this line leaves a membership the listing skips.
                forgetMembership(userId, factsOf(after));
                return new MembershipChange.Changed(after);
            } catch (ConditionalCheckFailedException moved) {
                // Someone joined or left in between and the list shifted: look again.
            }
        }
        throw new IllegalStateException("could not remove " + userId + " from room " + roomId + " under contention");
    }

    @Override
    public boolean deleteIfEmpty(String roomId) {
        try {
            RoomItem deleted = rooms.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(RoomItem.key(roomId))
                    .conditionExpression(Expression.builder()
                            .expression("#count = :zero")
                            .putExpressionName("#count", RoomItem.CURRENT_MEMBERS)
                            .putExpressionValue(":zero", AttributeValue.fromN("0"))
                            .build())
                    .build());
            afterDelete(deleted);
            return deleted != null;
        } catch (ConditionalCheckFailedException notEmptyOrGone) {
            return false;
        }
    }

    @Override
    public void delete(String roomId) {
        afterDelete(rooms.deleteItem(RoomItem.key(roomId)));
    }

    @Override
    public void recordMessage(String roomId, Instant at) {
        Instant known = recordedActivity.get(roomId);
        if (known != null && (!at.isAfter(known) || at.isBefore(known.plus(activityResolution)))) return;
        try {
            client.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(RoomItem.key(roomId).primaryKeyMap(RoomItem.SCHEMA))
                    .updateExpression("SET #status = :active, #last = :at")
                    .conditionExpression(
                            "attribute_exists(#pk) AND #last < :at AND (#status = :created OR #last <= :stale)")
                    .expressionAttributeNames(Map.of("#pk", ChatTable.PK, "#status", RoomItem.STATUS,
                            "#last", RoomItem.LAST_MESSAGE_AT))
                    .expressionAttributeValues(Map.of(
                            ":active", AttributeValue.fromS(RoomStatus.ACTIVE.wire()),
                            ":created", AttributeValue.fromS(RoomStatus.CREATED.wire()),
                            ":at", AttributeValue.fromS(Timestamps.format(at)),
                            ":stale", AttributeValue.fromS(Timestamps.format(at.minus(activityResolution)))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            rememberActivity(roomId, at);
        } catch (ConditionalCheckFailedException skipped) {
            Room current = roomAfterRefusal(roomId, skipped);
            if (current == null) return;
            if (current.status() == RoomStatus.CREATED) {
                // A first message no later than the stored time (the creation instant itself): only the status moves.
                activate(roomId);
            }
            rememberActivity(roomId, current.lastMessageAt());
        }
    }

    @Override
    public Page<Room> list(RoomFilter filter, PageRequest page) {
        if (filter.memberId() != null) return listMemberships(filter.memberId(), filter.level(), page);
        return filter.level() == null
                ? listRooms(ChatTable.GSI1, ChatTable.GSI1_PK, ChatTable.GSI1_SK, RoomItem.ALL_ROOMS, page)
                : listRooms(ChatTable.GSI2, ChatTable.GSI2_PK, ChatTable.GSI2_SK,
                        RoomItem.levelPartition(filter.level()), page);
    }

    /** Every room of one index partition is a listed room, so one query per page answers it, never filtered. */
    private Page<Room> listRooms(String index, String partitionName, String sortName, String partition,
                                 PageRequest page) {
        Map<String, Predicate<String>> shape = new LinkedHashMap<>();
        shape.put(partitionName, partition::equals);
        shape.put(sortName, s -> LISTING_SORT_KEY.matcher(s).matches());
        shape.put(ChatTable.PK, s -> s.startsWith(RoomItem.ROOM_PREFIX));
        shape.put(ChatTable.SK, ChatTable.METADATA::equals);
        Map<String, AttributeValue> start = page.after() == null ? null : Positions.decode(page.after(), shape);

        List<RoomItem> found = new ArrayList<>(page.limit() + 1);
        var pages = rooms.index(index).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(partition)))
                .scanIndexForward(false)
                .limit(page.limit() + 1)
                .exclusiveStartKey(start)
                .build());
        for (var result : pages) {
            for (RoomItem item : result.items()) {
                found.add(item);
                if (found.size() > page.limit()) break;
            }
            if (found.size() > page.limit()) break;
        }
        if (found.size() <= page.limit()) return new Page<>(found.stream().map(RoomItem::toRoom).toList(), null);
        RoomItem last = found.get(page.limit() - 1);
        List<String> names = List.copyOf(shape.keySet());
        String position = Positions.encode(RoomItem.SCHEMA.itemToMap(last, names), names);
        return new Page<>(found.subList(0, page.limit()).stream().map(RoomItem::toRoom).toList(), position);
    }

    /**
     * The user's memberships, newest room first, each checked against its room: a membership left behind by a
     * crash, or written by a join that has not landed yet, is skipped and the page is filled from further on.
     */
    private Page<Room> listMemberships(String userId, Level level, PageRequest page) {
        Map<String, Predicate<String>> shape = new LinkedHashMap<>();
        String userPartition = MembershipItem.userPartition(userId);
        if (level != null) {
            shape.put(ChatTable.GSI2_PK, MembershipItem.userLevelPartition(userId, level)::equals);
            shape.put(ChatTable.GSI2_SK, s -> MEMBERSHIP_SORT_KEY.matcher(s).matches());
        }
        shape.put(ChatTable.PK, userPartition::equals);
        shape.put(ChatTable.SK, s -> MEMBERSHIP_SORT_KEY.matcher(s).matches());
        Map<String, AttributeValue> start = page.after() == null ? null : Positions.decode(page.after(), shape);

        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(level == null
                        ? QueryConditional.sortBeginsWith(k -> k.partitionValue(userPartition)
                                .sortValue(MembershipItem.ROOM_PREFIX))
                        : QueryConditional.keyEqualTo(k -> k.partitionValue(
                                MembershipItem.userLevelPartition(userId, level))))
                .scanIndexForward(false)
                .limit(page.limit() + 1)
                .exclusiveStartKey(start)
                .build();
        var pages = level == null ? memberships.query(request) : memberships.index(ChatTable.GSI2).query(request);

        List<Room> found = new ArrayList<>(page.limit() + 1);
        MembershipItem lastReturned = null;
        for (var result : pages) {
            Map<String, Room> byId = fetchRooms(result.items());
            for (MembershipItem membership : result.items()) {
                Room room = byId.get(membership.getRoomId());
                if (room == null || !room.isMember(userId)) continue;
                if (found.size() == page.limit()) {
                    List<String> names = List.copyOf(shape.keySet());
                    return new Page<>(found, Positions.encode(MembershipItem.SCHEMA.itemToMap(lastReturned, names), names));
                }
                found.add(room);
                lastReturned = membership;
            }
        }
        return new Page<>(found, null);
    }

    private Map<String, Room> fetchRooms(List<MembershipItem> page) {
        if (page.isEmpty()) return Map.of();
        ReadBatch.Builder<RoomItem> batch = ReadBatch.builder(RoomItem.class).mappedTableResource(rooms);
        page.stream().map(MembershipItem::getRoomId).distinct().forEach(id -> batch.addGetItem(RoomItem.key(id)));
        Map<String, Room> byId = new HashMap<>();
        enhanced.batchGetItem(BatchGetItemEnhancedRequest.builder().readBatches(batch.build()).build())
                .resultsForTable(rooms)
                .forEach(item -> byId.put(item.getRoomId(), item.toRoom()));
        return byId;
    }

    private RoomItem read(String roomId) {
        RoomItem item = rooms.getItem(GetItemEnhancedRequest.builder().key(RoomItem.key(roomId)).consistentRead(true).build());
        if (item != null) remember(factsOf(item.toRoom()));
        return item;
    }

    /** The room as it was when a condition refused: from the refusal itself where the engine returns it. */
    private Room roomAfterRefusal(String roomId, ConditionalCheckFailedException refusal) {
        if (refusal.hasItem() && !refusal.item().isEmpty()) {
            return RoomItem.SCHEMA.mapToItem(refusal.item()).toRoom();
        }
        RoomItem item = read(roomId);
        return item == null ? null : item.toRoom();
    }

    private void activate(String roomId) {
        try {
            client.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(RoomItem.key(roomId).primaryKeyMap(RoomItem.SCHEMA))
                    .updateExpression("SET #status = :active")
                    .conditionExpression("#status = :created")
                    .expressionAttributeNames(Map.of("#status", RoomItem.STATUS))
                    .expressionAttributeValues(Map.of(
                            ":active", AttributeValue.fromS(RoomStatus.ACTIVE.wire()),
                            ":created", AttributeValue.fromS(RoomStatus.CREATED.wire())))
                    .build());
        } catch (ConditionalCheckFailedException alreadyActiveOrGone) {
            // Either way there is nothing left to do.
        }
    }

    private void afterDelete(RoomItem deleted) {
        if (deleted == null) return;
        Room room = deleted.toRoom();
        RoomFacts roomFacts = factsOf(room);
        Batches.deleteAll(enhanced, memberships, MembershipItem.class,
                room.memberIds().stream().map(member -> MembershipItem.key(member, roomFacts)).toList());
        facts.remove(room.roomId());
        recordedActivity.remove(room.roomId());
    }

    private void forgetMembership(String userId, RoomFacts roomFacts) {
        memberships.deleteItem(MembershipItem.key(userId, roomFacts));
    }

    private static RoomFacts factsOf(Room room) {
        return new RoomFacts(room.roomId(), room.level(), room.createdAt());
    }

    private void remember(RoomFacts roomFacts) {
        if (facts.size() >= FACTS_CACHE_LIMIT) facts.clear();
        facts.put(roomFacts.roomId(), roomFacts);
    }

    private void rememberActivity(String roomId, Instant at) {
        if (recordedActivity.size() >= FACTS_CACHE_LIMIT) recordedActivity.clear();
        recordedActivity.merge(roomId, at, (a, b) -> a.isAfter(b) ? a : b);
    }
}
