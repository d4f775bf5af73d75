package com.englishstudy.chat.dynamodb.connection;

import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.dynamodb.table.Batches;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.dynamodb.table.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Connections on the single table. Storage TTL deletes late, so every read drops a connection whose
 * {@code expiresAt} has passed by the caller's clock, whatever storage still holds.
 */
public final class DynamoDbConnectionRepository implements ConnectionRepository {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ConnectionItem> connections;

    public DynamoDbConnectionRepository(DynamoDbEnhancedClient enhanced, String tableName) {
        this.enhanced = enhanced;
        this.connections = enhanced.table(tableName, ConnectionItem.SCHEMA);
    }

    @Override
    public void save(Connection connection) {
        connections.putItem(ConnectionItem.of(connection));
    }

    /** Strongly consistent: the first frame on a socket comes right after its connect wrote the item. */
    @Override
    public Optional<Connection> find(String connectionId, Instant now) {
        ConnectionItem item = connections.getItem(GetItemEnhancedRequest.builder()
                .key(ConnectionItem.key(connectionId)).consistentRead(true).build());
        return Optional.ofNullable(item).map(ConnectionItem::toConnection).filter(c -> !c.isExpiredAt(now));
    }

    @Override
    public List<Connection> findByRoom(String roomId, Instant now) {
        return ofRoom(roomId).stream().map(ConnectionItem::toConnection).filter(c -> !c.isExpiredAt(now)).toList();
    }

    /** The room's connections are few (members times tabs), so picking the user's out of them costs nothing extra. */
    @Override
    public List<Connection> findByRoomAndUser(String roomId, String userId, Instant now) {
        return findByRoom(roomId, now).stream().filter(c -> c.userId().equals(userId)).toList();
    }

    @Override
    public void refresh(String connectionId, Instant expiresAt) {
        ConnectionItem change = new ConnectionItem();
        Key key = ConnectionItem.key(connectionId);
        change.setPk(key.partitionKeyValue().s());
        change.setSk(ChatTable.METADATA);
        change.setExpiresAt(Timestamps.format(expiresAt));
        change.setTtl(Timestamps.ttlSeconds(expiresAt));
        try {
            connections.updateItem(UpdateItemEnhancedRequest.builder(ConnectionItem.class)
                    .item(change)
                    .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(ChatTable.ITEM_EXISTS)
                    .build());
        } catch (ConditionalCheckFailedException gone) {
            // A refresh must not bring back a connection that was closed meanwhile.
        }
    }

    @Override
    public void delete(String connectionId) {
        connections.deleteItem(ConnectionItem.key(connectionId));
    }

    @Override
    public void deleteByRoom(String roomId) {
        Batches.deleteAll(enhanced, connections, ConnectionItem.class,
                ofRoom(roomId).stream().map(ConnectionItem::primaryKey).toList());
    }

    /** GSI1 partition {@code ROOM#{roomId}}; the CONN# prefix keeps the room's token entries out. */
    private List<ConnectionItem> ofRoom(String roomId) {
        List<ConnectionItem> items = new ArrayList<>();
        connections.index(ChatTable.GSI1).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k -> k
                                .partitionValue(ConnectionItem.ROOM_PREFIX + roomId)
                                .sortValue(ConnectionItem.CONNECTION_PREFIX)))
                        .build())
                .forEach(page -> items.addAll(page.items()));
        return items;
    }
}
