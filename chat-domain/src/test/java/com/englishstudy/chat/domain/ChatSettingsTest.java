package com.englishstudy.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatSettingsTest {

    @Test
    void theDefaultsAreTheContractsDefaults() {
        ChatSettings s = ChatSettings.defaults();

        assertThat(s.roomTokenTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.connectionTtl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(s.maxRoomMembers()).isEqualTo(50);
        assertThat(s.maxMessageLength()).isEqualTo(2000);
        assertThat(s.bcryptCost()).isEqualTo(10);
        assertThat(s.rateLimitPerSecond()).isEqualTo(5.0);
        assertThat(s.rateLimitBurst()).isEqualTo(10);
    }

    @Test
    void theEnvironmentOverridesTheDefaults() {
        ChatSettings s = ChatSettings.fromEnvironment(Map.of(
                "ROOM_TOKEN_TTL_SECONDS", "60", "CONNECTION_TTL_SECONDS", " 120 ", "MAX_ROOM_MEMBERS", "8",
                "MAX_MESSAGE_LENGTH", "500", "BCRYPT_COST", "4", "RATE_LIMIT_PER_SECOND", "2.5",
                "RATE_LIMIT_BURST", "3", "CHAT_TABLE_NAME", "ignored here"));

        assertThat(s).isEqualTo(new ChatSettings(Duration.ofSeconds(60), Duration.ofSeconds(120), 8, 500, 4, 2.5, 3));
    }

    @Test
    void blankValuesFallBackToTheDefaults() {
        assertThat(ChatSettings.fromEnvironment(Map.of("MAX_ROOM_MEMBERS", " ", "BCRYPT_COST", "")))
                .isEqualTo(ChatSettings.defaults());
    }

    @Test
    void malformedOrOutOfRangeValuesStopStartUp() {
        assertThatThrownBy(() -> ChatSettings.fromEnvironment(Map.of("MAX_ROOM_MEMBERS", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_ROOM_MEMBERS");
        assertThatThrownBy(() -> ChatSettings.fromEnvironment(Map.of("MAX_ROOM_MEMBERS", "1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatSettings.fromEnvironment(Map.of("ROOM_TOKEN_TTL_SECONDS", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ROOM_TOKEN_TTL_SECONDS");
        assertThatThrownBy(() -> ChatSettings.fromEnvironment(Map.of("BCRYPT_COST", "3")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatSettings.fromEnvironment(Map.of("BCRYPT_COST", "32")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatSettings.fromEnvironment(Map.of("RATE_LIMIT_PER_SECOND", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatSettings.fromEnvironment(Map.of("RATE_LIMIT_PER_SECOND", "NaN")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatSettings.fromEnvironment(Map.of("RATE_LIMIT_BURST", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWithersChangeOnlyTheirOwnSetting() {
        ChatSettings d = ChatSettings.defaults();

        assertThat(d.withBcryptCost(4)).isEqualTo(new ChatSettings(d.roomTokenTtl(), d.connectionTtl(),
                d.maxRoomMembers(), d.maxMessageLength(), 4, d.rateLimitPerSecond(), d.rateLimitBurst()));
        assertThat(d.withRoomTokenTtl(Duration.ofSeconds(5)).roomTokenTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.withRateLimit(1, 2)).extracting(ChatSettings::rateLimitPerSecond, ChatSettings::rateLimitBurst)
                .containsExactly(1.0, 2);
    }
}
