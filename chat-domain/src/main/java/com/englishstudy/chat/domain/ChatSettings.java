package com.englishstudy.chat.domain;

import java.time.Duration;
import java.util.Map;

/**
 * The rules' tunable numbers (SPEC 8). Every runtime reads them from the same environment variables.
 *
 * @param rateLimitPerSecond sendMessage frames a connection may send per second, sustained
 * @param rateLimitBurst     how many it may send at once after a quiet spell
 */
public record ChatSettings(
        Duration roomTokenTtl,
        Duration connectionTtl,
        int maxRoomMembers,
        int maxMessageLength,
        int bcryptCost,
        double rateLimitPerSecond,
        int rateLimitBurst) {

    public static final int DEFAULT_MAX_MEMBERS = 6;
    public static final int MIN_MEMBERS = 2;

    public ChatSettings {
        requirePositive(roomTokenTtl.toMillis(), "ROOM_TOKEN_TTL_SECONDS");
        requirePositive(connectionTtl.toMillis(), "CONNECTION_TTL_SECONDS");
        if (maxRoomMembers < MIN_MEMBERS) throw new IllegalArgumentException("MAX_ROOM_MEMBERS must be at least " + MIN_MEMBERS);
        requirePositive(maxMessageLength, "MAX_MESSAGE_LENGTH");
        if (bcryptCost < 4 || bcryptCost > 31) throw new IllegalArgumentException("BCRYPT_COST must be from 4 to 31");
        if (!(rateLimitPerSecond > 0)) throw new IllegalArgumentException("RATE_LIMIT_PER_SECOND must be positive");
        requirePositive(rateLimitBurst, "RATE_LIMIT_BURST");
    }

    public static ChatSettings defaults() {
        return fromEnvironment(Map.of());
    }

    /** Reads the SPEC 8 variables, falling back to their defaults; a malformed value stops start-up. */
    public static ChatSettings fromEnvironment(Map<String, String> env) {
        return new ChatSettings(
                Duration.ofSeconds(integer(env, "ROOM_TOKEN_TTL_SECONDS", 300)),
                Duration.ofSeconds(integer(env, "CONNECTION_TTL_SECONDS", 600)),
                integer(env, "MAX_ROOM_MEMBERS", 50),
                integer(env, "MAX_MESSAGE_LENGTH", 2000),
                integer(env, "BCRYPT_COST", 10),
                decimal(env, "RATE_LIMIT_PER_SECOND", 5),
                integer(env, "RATE_LIMIT_BURST", 10));
    }

    public ChatSettings withRoomTokenTtl(Duration ttl) {
        return new ChatSettings(ttl, connectionTtl, maxRoomMembers, maxMessageLength, bcryptCost, rateLimitPerSecond, rateLimitBurst);
    }

    public ChatSettings withBcryptCost(int cost) {
        return new ChatSettings(roomTokenTtl, connectionTtl, maxRoomMembers, maxMessageLength, cost, rateLimitPerSecond, rateLimitBurst);
    }

    public ChatSettings withRateLimit(double perSecond, int burst) {
        return new ChatSettings(roomTokenTtl, connectionTtl, maxRoomMembers, maxMessageLength, bcryptCost, perSecond, burst);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'");
        }
    }

    private static double decimal(Map<String, String> env, String name, double fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + raw + "'");
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive");
    }
}
