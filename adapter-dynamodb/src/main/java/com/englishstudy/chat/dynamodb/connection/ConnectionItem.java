package com.englishstudy.chat.dynamodb.connection;


import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.dynamodb.table.KeyedItem;
import com.englishstudy.chat.dynamodb.table.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The Connection item of seed section 3: {@code CONN#{connectionId}} / {@code METADATA}; GSI1
 * {@code ROOM#{roomId}} / {@code CONN#{connectionId}}; GSI2 {@code USER#{userId}} / {@code CONN#{connectionId}}.
 * Added to the seed's attributes: {@code expiresAt}, the exact instant, because {@code ttl} is whole seconds.
 * Nothing else rides on it: every message fan-out reads the room's connections, so each one is kept small.
 */
final class ConnectionItem extends KeyedItem {
    static final String CONNECTION_PREFIX = "CONN#";
    static final String ROOM_PREFIX = "ROOM#";
    static final String USER_PREFIX = "USER#";

    static final TableSchema<ConnectionItem> SCHEMA = KeyedItem.gsi2(KeyedItem.gsi1(KeyedItem.primaryKey(
            StaticTableSchema.builder(ConnectionItem.class))))
            .newItemSupplier(ConnectionItem::new)
            .addAttribute(String.class, a -> a.name("connectionId").getter(ConnectionItem::getConnectionId)
                    .setter(ConnectionItem::setConnectionId))
            .addAttribute(String.class, a -> a.name("userId").getter(ConnectionItem::getUserId)
                    .setter(ConnectionItem::setUserId))
            .addAttribute(String.class, a -> a.name("roomId").getter(ConnectionItem::getRoomId)
                    .setter(ConnectionItem::setRoomId))
            .addAttribute(String.class, a -> a.name("connectedAt").getter(ConnectionItem::getConnectedAt)
                    .setter(ConnectionItem::setConnectedAt))
            .addAttribute(String.class, a -> a.name("expiresAt").getter(ConnectionItem::getExpiresAt)
                    .setter(ConnectionItem::setExpiresAt))
            .addAttribute(Long.class, a -> a.name(ChatTable.TTL).getter(ConnectionItem::getTtl)
                    .setter(ConnectionItem::setTtl))
            .build();

    private String connectionId;
    private String userId;
    private String roomId;
    private String connectedAt;
    private String expiresAt;
    private Long ttl;

    static Key key(String connectionId) {
        return Key.builder().partitionValue(CONNECTION_PREFIX + connectionId).sortValue(ChatTable.METADATA).build();
    }

    static ConnectionItem of(Connection connection) {
        ConnectionItem item = new ConnectionItem();
        item.pk = CONNECTION_PREFIX + connection.connectionId();
        item.sk = ChatTable.METADATA;
        item.gsi1pk = ROOM_PREFIX + connection.roomId();
        item.gsi1sk = CONNECTION_PREFIX + connection.connectionId();
        item.gsi2pk = USER_PREFIX + connection.userId();
        item.gsi2sk = item.gsi1sk;
        item.connectionId = connection.connectionId();
        item.userId = connection.userId();
        item.roomId = connection.roomId();
        item.connectedAt = Timestamps.format(connection.connectedAt());
        item.expiresAt = Timestamps.format(connection.expiresAt());
        item.ttl = Timestamps.ttlSeconds(connection.expiresAt());
        return item;
    }

    Connection toConnection() {
        return new Connection(connectionId, roomId, userId, Timestamps.parse(connectedAt), Timestamps.parse(expiresAt));
    }

    Key primaryKey() {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    public String getConnectionId() { return connectionId; }
    public void setConnectionId(String connectionId) { this.connectionId = connectionId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRoomId() { return roomId; }
    public void setRoomId(String roomId) { this.roomId = roomId; }
    public String getConnectedAt() { return connectedAt; }
    public void setConnectedAt(String connectedAt) { this.connectedAt = connectedAt; }
    public String getExpiresAt() { return expiresAt; }
    public void setExpiresAt(String expiresAt) { this.expiresAt = expiresAt; }
    public Long getTtl() { return ttl; }
    public void setTtl(Long ttl) { this.ttl = ttl; }
}
