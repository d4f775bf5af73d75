package com.englishstudy.chat.dynamodb.message;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.dynamodb.table.ChatTable;
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
final class MessageItem {
    static final String ROOM_PREFIX = "ROOM#";
    static final String MESSAGE_PREFIX = "MSG#";
    static final String USER_PREFIX = "USER#";
    static final String IDEMPOTENCY_PREFIX = "IDEM#";

    static final TableSchema<MessageItem> SCHEMA = StaticTableSchema.builder(MessageItem.class)
            .newItemSupplier(MessageItem::new)
            .addAttribute(String.class, a -> a.name(ChatTable.PK).getter(MessageItem::getPk)
                    .setter(MessageItem::setPk).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(ChatTable.SK).getter(MessageItem::getSk)
                    .setter(MessageItem::setSk).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name(ChatTable.GSI1_PK).getter(MessageItem::getGsi1pk)
                    .setter(MessageItem::setGsi1pk).tags(secondaryPartitionKey(ChatTable.GSI1)))
            .addAttribute(String.class, a -> a.name(ChatTable.GSI1_SK).getter(MessageItem::getGsi1sk)
                    .setter(MessageItem::setGsi1sk).tags(secondarySortKey(ChatTable.GSI1)))
            .addAttribute(String.class, a -> a.name(ChatTable.GSI2_PK).getter(MessageItem::getGsi2pk)
                    .setter(MessageItem::setGsi2pk).tags(secondaryPartitionKey(ChatTable.GSI2)))
            .addAttribute(String.class, a -> a.name(ChatTable.GSI2_SK).getter(MessageItem::getGsi2sk)
                    .setter(MessageItem::setGsi2sk).tags(secondarySortKey(ChatTable.GSI2)))
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

    private String pk;
    private String sk;
    private String gsi1pk;
    private String gsi1sk;
    private String gsi2pk;
    private String gsi2sk;
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

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }
    public String getGsi1pk() { return gsi1pk; }
    public void setGsi1pk(String gsi1pk) { this.gsi1pk = gsi1pk; }
    public String getGsi1sk() { return gsi1sk; }
    public void setGsi1sk(String gsi1sk) { this.gsi1sk = gsi1sk; }
    public String getGsi2pk() { return gsi2pk; }
    public void setGsi2pk(String gsi2pk) { this.gsi2pk = gsi2pk; }
    public String getGsi2sk() { return gsi2sk; }
    public void setGsi2sk(String gsi2sk) { this.gsi2sk = gsi2sk; }
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
