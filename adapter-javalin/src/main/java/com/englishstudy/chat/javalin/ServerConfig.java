package com.englishstudy.chat.javalin;

import com.englishstudy.chat.domain.ChatSettings;
import java.util.Map;

/**
 * The local server's configuration: the shared chat settings plus what only this runtime reads.
 *
 * @param host where to listen; 0.0.0.0 by default so a phone on the same network can play too
 */
public record ServerConfig(ChatSettings settings, String host, int port, String store, String cursorSecret,
                           Map<String, String> env) {

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        String store = env.getOrDefault("CHAT_STORE", "memory").trim().toLowerCase(java.util.Locale.ROOT);
        if (!store.equals("memory") && !store.equals("dynamodb")) {
            throw new IllegalArgumentException("CHAT_STORE must be memory or dynamodb, got '" + store + "'");
        }
        String portRaw = env.getOrDefault("PORT", "8080").trim();
        int port;
        try {
            port = Integer.parseInt(portRaw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, got '" + portRaw + "'");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("PORT must be from 0 to 65535");
        return new ServerConfig(ChatSettings.fromEnvironment(env), env.getOrDefault("HOST", "0.0.0.0"), port, store,
                env.get("CURSOR_SECRET"), Map.copyOf(env));
    }
}
