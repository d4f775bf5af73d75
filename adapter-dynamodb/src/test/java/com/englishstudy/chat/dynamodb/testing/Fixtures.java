package com.englishstudy.chat.dynamodb.testing;

import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomStatus;
import com.englishstudy.chat.domain.token.RoomToken;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Domain values for the adapter's own tests, and raw looks at what landed in the table. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-01-09T10:00:00.000Z");

    private Fixtures() {}

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Room room(String roomId, Level level, int maxMembers, Instant createdAt, String... members) {
        return new Room(roomId, "Room " + roomId, "Small talk", level, maxMembers, false, null, members[0],
                List.of(members), RoomStatus.CREATED, createdAt, createdAt);
    }

    public static ChatMessage message(String roomId, String userId, Instant at, String clientMessageId) {
        return ChatMessage.create(UUID.randomUUID().toString(), roomId, userId, "Hello there", MessageType.TEXT, at,
                clientMessageId);
    }

    public static Connection connection(String roomId, String userId, Instant now) {
        return new Connection(id("conn"), roomId, userId, now, now.plus(Duration.ofMinutes(10)));
    }

    public static RoomToken token(String roomId, String userId, Instant now) {
        return new RoomToken(UUID.randomUUID().toString(), roomId, userId, now, now.plus(Duration.ofMinutes(5)));
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static Map<String, AttributeValue> rawItem(DynamoDbClient client, String table, String pk, String sk) {
        return client.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }

    /** Every item of a base-table partition, for checking what an operation left behind. */
    public static List<Map<String, AttributeValue>> rawPartition(DynamoDbClient client, String table, String pk) {
        return client.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().stream().toList();
    }

    public static void putRaw(DynamoDbClient client, String table, Map<String, AttributeValue> item) {
        client.putItem(r -> r.tableName(table).item(item));
    }
}
