package com.englishstudy.chat.javalin;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Starts the Javalin runtime for the contract suite: in memory, on a free port of the loopback interface. */
final class JavalinRuntime {
    private JavalinRuntime() {}

    static ChatEndpoint start(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.putIfAbsent("CHAT_STORE", "memory");
        ChatServer server = ChatServer.start(ServerConfig.fromEnvironment(env));
        URI http = server.baseUri();
        return ChatEndpoint.of(http, URI.create("ws://127.0.0.1:" + server.port() + "/ws"), server::close);
    }
}
