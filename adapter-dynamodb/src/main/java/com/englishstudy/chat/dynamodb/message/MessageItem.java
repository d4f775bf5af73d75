package com.englishstudy.chat.dynamodb.message;


import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.dynamodb.table.KeyedItem;
import com.englishstudy.chat.dynamodb.table.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The ChatMessage item of seed section 3, and its idempotency twin.
 *
 * <p>The message: {@code ROOM#{roomId}} / {@code MSG#{createdAt}#{messageId}}; GSI1 {@code USER#{userId}} /
 * {@code MSG#{createdAt}#{messageId}} (the seed's {@code MSG#{timestamp}} plus the id, so equal times keep one
 * order); GSI2 {@code MSG#{messageId}} / {@code ROOM#{roomId}}.
 *
 * <p>The idempotency item, added: {@code ROOM#{roomId}} / {@code IDEM#{userId}#{clientMessageId}}, no index
 * keys, holding a copy of the first message sent under that key. Written only for messages that carry a
 * {@code clientMessageId}; user ids cannot contain '#', so the key is unambiguous.
 */
final class MessageItem extends KeyedItem {
    static final String ROOM_PREFIX = "ROOM#";
    static final String MESSAGE_PREFIX = "MSG#";
    static final String USER_PREFIX = "USER#";
    static final String IDEMPOTENCY_PREFIX = "IDEM#";

    static final TableSchema<MessageItem> SCHEMA = KeyedItem.gsi2(KeyedItem.gsi1(KeyedItem.primaryKey(
            StaticTableSchema.builder(MessageItem.class))))
            .newItemSupplier(MessageItem::new)
            .addAttribute(String.class, a -> a.name("messageId").getter(MessageItem::getMessageId)
                    .setter(MessageItem::setMessageId))
            .addAttribute(String.class, a -> a.name("roomId").getter(MessageItem::getRoomId)
                    .setter(MessageItem::setRoomId))
            .addAttribute(String.class, a -> a.name("userId").getter(MessageItem::getUserId)
                    .setter(MessageItem::setUserId))
            .addAttribute(String.class, a -> a.name("content").getter(MessageItem::getContent)
                    .setter(MessageItem::setContent))
            .addAttribute(String.class, a -> a.name("messageType").getter(MessageItem::getMessageType)
                    .setter(MessageItem::setMessageType))
            .addAttribute(String.class, a -> a.name("createdAt").getter(MessageItem::getCreatedAt)
                    .setter(MessageItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("clientMessageId").getter(MessageItem::getClientMessageId)
                    .setter(MessageItem::setClientMessageId))
            .addAttribute(String.class, a -> a.name("maleVoiceKey").getter(MessageItem::getMaleVoiceKey)
                    .setter(MessageItem::setMaleVoiceKey))
            .addAttribute(String.class, a -> a.name("femaleVoiceKey").getter(MessageItem::getFemaleVoiceKey)
                    .setter(MessageItem::setFemaleVoiceKey))
            .build();

    private String messageId;
    private String roomId;
    private String userId;
    private String content;
    private String messageType;
    private String createdAt;
    private String clientMessageId;
    private String maleVoiceKey;
    private String femaleVoiceKey;

    static String roomPartition(String roomId) {
        return ROOM_PREFIX + roomId;
    }

    static String sortKey(ChatMessage message) {
        return MESSAGE_PREFIX + Timestamps.sortable(message.createdAt()) + "#" + message.messageId();
    }

    static Key key(ChatMessage message) {
        return Key.builder().partitionValue(roomPartition(message.roomId())).sortValue(sortKey(message)).build();
    }

    static Key idempotencyKey(ChatMessage message) {
        return Key.builder().partitionValue(roomPartition(message.roomId()))
                .sortValue(IDEMPOTENCY_PREFIX + message.userId() + "#" + message.clientMessageId()).build();
    }

    static MessageItem of(ChatMessage message) {
        MessageItem item = copyOf(message);
        item.pk = roomPartition(message.roomId());
        item.sk = sortKey(message);
        item.gsi1pk = USER_PREFIX + message.userId();
        item.gsi1sk = item.sk;
        item.gsi2pk = MESSAGE_PREFIX + message.messageId();
        item.gsi2sk = ROOM_PREFIX + message.roomId();
        return item;
    }

    /** The first message under a client's idempotency key, kept whole so a lost message write can be redone. */
    static MessageItem idempotencyOf(ChatMessage message) {
        MessageItem item = copyOf(message);
        Key key = idempotencyKey(message);
        item.pk = key.partitionKeyValue().s();
        item.sk = key.sortKeyValue().orElseThrow().s();
        return item;
    }

    private static MessageItem copyOf(ChatMessage message) {
        MessageItem item = new MessageItem();
        item.messageId = message.messageId();
        item.roomId = message.roomId();
        item.userId = message.userId();
        item.content = message.content();
        item.messageType = message.messageType().name();
        item.createdAt = Timestamps.format(message.createdAt());
        item.clientMessageId = message.clientMessageId();
        item.maleVoiceKey = message.maleVoiceKey();
        item.femaleVoiceKey = message.femaleVoiceKey();
        return item;
    }

    ChatMessage toMessage() {
        return new ChatMessage(messageId, roomId, userId, content, MessageType.valueOf(messageType),
                Timestamps.parse(createdAt), clientMessageId, maleVoiceKey, femaleVoiceKey);
    }

    Key primaryKey() {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    public String getMessageId() { return messageId; }
    public void setMessageId(String messageId) { this.messageId = messageId; }
    public String getRoomId() { return roomId; }
    public void setRoomId(String roomId) { this.roomId = roomId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getContent() { return content; }
    public void setContent(String content) { this.content = content; }
    public String getMessageType() { return messageType; }
    public void setMessageType(String messageType) { this.messageType = messageType; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getClientMessageId() { return clientMessageId; }
    public void setClientMessageId(String clientMessageId) { this.clientMessageId = clientMessageId; }
    public String getMaleVoiceKey() { return maleVoiceKey; }
    public void setMaleVoiceKey(String maleVoiceKey) { this.maleVoiceKey = maleVoiceKey; }
    public String getFemaleVoiceKey() { return femaleVoiceKey; }
    public void setFemaleVoiceKey(String femaleVoiceKey) { this.femaleVoiceKey = femaleVoiceKey; }
}
