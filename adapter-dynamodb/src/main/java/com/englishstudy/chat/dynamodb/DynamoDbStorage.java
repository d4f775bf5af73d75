package com.englishstudy.chat.dynamodb;

import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.dynamodb.connection.DynamoDbConnectionRepository;
import com.englishstudy.chat.dynamodb.message.DynamoDbMessageRepository;
import com.englishstudy.chat.dynamodb.room.DynamoDbRoomRepository;
import com.englishstudy.chat.dynamodb.table.TableBootstrap;
import com.englishstudy.chat.dynamodb.token.DynamoDbRoomTokenRepository;
import java.time.Duration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The four storage ports on one DynamoDB table, for a runtime's composition root. */
public final class DynamoDbStorage {
    /**
     * How far a room's {@code lastMessageAt} may lag its newest message. Rewriting the room costs three write
     * units (the item and its GSI1 and GSI2 copies); with this, a busy room pays them about once per window
     * instead of once per message. The status still turns active on the first message.
     */
    public static final Duration DEFAULT_ACTIVITY_RESOLUTION = Duration.ofSeconds(5);

    private DynamoDbStorage() {}

    public static ChatStorage create(DynamoDbClient client, String tableName) {
        return create(client, tableName, DEFAULT_ACTIVITY_RESOLUTION);
    }

    /** @param activityResolution see {@link #DEFAULT_ACTIVITY_RESOLUTION}; {@link Duration#ZERO} is exact */
    public static ChatStorage create(DynamoDbClient client, String tableName, Duration activityResolution) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        return new ChatStorage(
                new DynamoDbRoomRepository(client, enhanced, tableName, activityResolution),
                new DynamoDbMessageRepository(enhanced, tableName),
                new DynamoDbConnectionRepository(enhanced, tableName),
                new DynamoDbRoomTokenRepository(enhanced, tableName));
    }

    /** Storage as configured: creates the table first when the configuration asks for it (local engines). */
    public static ChatStorage open(DynamoDbConfig config, DynamoDbClient client) {
        if (config.createTable()) TableBootstrap.ensureTable(client, config.tableName());
        return create(client, config.tableName());
    }
}
