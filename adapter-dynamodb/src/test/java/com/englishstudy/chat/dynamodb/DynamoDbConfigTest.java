package com.englishstudy.chat.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.dynamodb.testing.Fixtures;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbConfigTest {

    @Test
    void defaultsAreTheSpecsAndProductionUsesTheDefaultCredentialChain() {
        DynamoDbConfig config = DynamoDbConfig.fromEnv(Map.of());

        assertThat(config.tableName()).isEqualTo("ChatTable");
        assertThat(config.region()).isEqualTo(Region.AP_NORTHEAST_2);
        assertThat(config.endpoint()).isNull();
        assertThat(config.createTable()).isFalse();
        assertThat(config.dummyCredentials()).isFalse();
    }

    @Test
    void aLocalEndpointWithoutCredentialsInTheEnvironmentGetsDummyOnes() {
        DynamoDbConfig config = DynamoDbConfig.fromEnv(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
                "AWS_REGION_NAME", "us-east-1", "CHAT_TABLE_NAME", "LocalChat", "DYNAMODB_CREATE_TABLE", "TRUE"));

        assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(config.region()).isEqualTo(Region.US_EAST_1);
        assertThat(config.tableName()).isEqualTo("LocalChat");
        assertThat(config.createTable()).isTrue();
        assertThat(config.dummyCredentials()).isTrue();
        assertThat(DynamoDbConfig.fromEnv(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
                "AWS_ACCESS_KEY_ID", "AKIA...")).dummyCredentials()).isFalse();
        assertThat(DynamoDbConfig.fromEnv(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
                "AWS_PROFILE", "dev")).dummyCredentials()).isFalse();
    }

    @Test
    void unusableValuesNameTheirVariable() {
        assertThatThrownBy(() -> DynamoDbConfig.fromEnv(Map.of("DYNAMODB_CREATE_TABLE", "yes")))
                .hasMessageContaining("DYNAMODB_CREATE_TABLE");
        assertThatThrownBy(() -> DynamoDbConfig.fromEnv(Map.of("DYNAMODB_ENDPOINT", "localhost:8000")))
                .hasMessageContaining("DYNAMODB_ENDPOINT");
        assertThatThrownBy(() -> DynamoDbConfig.fromEnv(Map.of("CHAT_TABLE_NAME", "a b")))
                .hasMessageContaining("CHAT_TABLE_NAME");
    }

    @Test
    void aConfiguredClientOpensStorageOnALocalEngineAndCreatesTheTableWhenAsked() {
        String table = "chat-config-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbConfig config = DynamoDbConfig.fromEnv(Map.of(
                "DYNAMODB_ENDPOINT", Dynalite.shared().endpoint().toString(),
                "CHAT_TABLE_NAME", table, "DYNAMODB_CREATE_TABLE", "true"));
        try (DynamoDbClient client = config.newClient()) {
            ChatStorage storage = DynamoDbStorage.open(config, client);
            storage.rooms().create(Fixtures.room("r1", Level.ADVANCED, 6, Fixtures.T0, "alice"));
            assertThat(storage.rooms().find("r1")).isPresent();
            client.deleteTable(r -> r.tableName(table));
        }
    }
}
