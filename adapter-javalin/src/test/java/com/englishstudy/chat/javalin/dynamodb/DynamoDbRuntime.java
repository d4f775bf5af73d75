package com.englishstudy.chat.javalin.dynamodb;

import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.javalin.ChatServer;
import com.englishstudy.chat.javalin.ServerConfig;
import com.englishstudy.chat.ports.contract.ChatEndpoint;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the Javalin runtime on the DynamoDB adapter, over dynalite (started once per test JVM), each server on
 * a fresh table of its own: the configuration a developer uses with {@code CHAT_STORE=dynamodb}.
 */
final class DynamoDbRuntime {
    private DynamoDbRuntime() {}

    static ChatEndpoint start(Map<String, String> settings) {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.newTable("javalin");
        Map<String, String> env = new HashMap<>(settings);
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("CHAT_STORE", "dynamodb");
        env.put("DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
        env.put("CHAT_TABLE_NAME", table);
        ChatServer server = ChatServer.start(ServerConfig.fromEnvironment(env));
        return ChatEndpoint.of(server.baseUri(), URI.create("ws://127.0.0.1:" + server.port() + "/ws"), () -> {
            server.close();
            dynalite.deleteTable(table);
        });
    }
}
