package com.englishstudy.chat.lambda.gateway;

import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.ports.contract.ChatEndpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the local API Gateway for the contract suite: the real handlers in this JVM, on a free loopback port,
 * over dynalite with a table of its own, deleted when the endpoint closes.
 */
public final class GatewayRuntime {
    private static volatile String lastTable;

    private GatewayRuntime() {}

    /** The table of the endpoint started last, for tests that look at what the handlers stored. */
    static String lastTable() {
        return lastTable;
    }

    /** As deployed: a room's {@code lastMessageAt} kept to within 5 s (docs/decisions/0005). */
    public static ChatEndpoint start(Map<String, String> settings) {
        return start(settings, DynamoDbStorage.DEFAULT_ACTIVITY_RESOLUTION);
    }

    /** @param activityResolution {@link Duration#ZERO} keeps {@code lastMessageAt} exact, at one more write per message */
    public static ChatEndpoint start(Map<String, String> settings, Duration activityResolution) {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.newTable("lambda");
        lastTable = table;
        Map<String, String> env = new HashMap<>(settings);
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
        env.put("CHAT_TABLE_NAME", table);
        LocalGateway gateway = LocalGateway.start(env, activityResolution);
        return ChatEndpoint.of(gateway.httpUri(), gateway.wsUri(), () -> {
            try {
                gateway.close();
            } finally {
                dynalite.deleteTable(table);
            }
        });
    }
}
