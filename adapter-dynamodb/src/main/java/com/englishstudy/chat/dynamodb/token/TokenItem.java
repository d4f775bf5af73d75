package com.englishstudy.chat.dynamodb.token;


import com.englishstudy.chat.domain.token.RoomToken;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.dynamodb.table.KeyedItem;
import com.englishstudy.chat.dynamodb.table.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The RoomToken item of seed section 3: {@code TOKEN#{token}} / {@code METADATA}. Added: GSI1
 * {@code ROOM#{roomId}} / {@code TOKEN#{token}}, so that deleting a room finds its tokens with a query (the
 * seed has no way to), and {@code expiresAt}, the exact instant behind the whole-second {@code ttl}.
 */
final class TokenItem extends KeyedItem {
    static final String TOKEN_PREFIX = "TOKEN#";
    static final String ROOM_PREFIX = "ROOM#";

    static final TableSchema<TokenItem> SCHEMA = KeyedItem.gsi1(KeyedItem.primaryKey(
            StaticTableSchema.builder(TokenItem.class)))
            .newItemSupplier(TokenItem::new)
            .addAttribute(String.class, a -> a.name("token").getter(TokenItem::getToken).setter(TokenItem::setToken))
            .addAttribute(String.class, a -> a.name("roomId").getter(TokenItem::getRoomId).setter(TokenItem::setRoomId))
            .addAttribute(String.class, a -> a.name("userId").getter(TokenItem::getUserId).setter(TokenItem::setUserId))
            .addAttribute(String.class, a -> a.name("createdAt").getter(TokenItem::getCreatedAt)
                    .setter(TokenItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("expiresAt").getter(TokenItem::getExpiresAt)
                    .setter(TokenItem::setExpiresAt))
            .addAttribute(Long.class, a -> a.name(ChatTable.TTL).getter(TokenItem::getTtl).setter(TokenItem::setTtl))
            .build();

    private String token;
    private String roomId;
    private String userId;
    private String createdAt;
    private String expiresAt;
    private Long ttl;

    static Key key(String token) {
        return Key.builder().partitionValue(TOKEN_PREFIX + token).sortValue(ChatTable.METADATA).build();
    }

    static TokenItem of(RoomToken token) {
        TokenItem item = new TokenItem();
        item.pk = TOKEN_PREFIX + token.token();
        item.sk = ChatTable.METADATA;
        item.gsi1pk = ROOM_PREFIX + token.roomId();
        item.gsi1sk = TOKEN_PREFIX + token.token();
        item.token = token.token();
        item.roomId = token.roomId();
        item.userId = token.userId();
        item.createdAt = Timestamps.format(token.createdAt());
        item.expiresAt = Timestamps.format(token.expiresAt());
        item.ttl = Timestamps.ttlSeconds(token.expiresAt());
        return item;
    }

    RoomToken toToken() {
        return new RoomToken(token, roomId, userId, Timestamps.parse(createdAt), Timestamps.parse(expiresAt));
    }

    Key primaryKey() {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getRoomId() { return roomId; }
    public void setRoomId(String roomId) { this.roomId = roomId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getExpiresAt() { return expiresAt; }
    public void setExpiresAt(String expiresAt) { this.expiresAt = expiresAt; }
    public Long getTtl() { return ttl; }
    public void setTtl(Long ttl) { this.ttl = ttl; }
}
