package com.englishstudy.chat.dynamodb.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.dynamodb.testing.Dynalite;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class TableBootstrapTest {
    private final DynamoDbClient client = Dynalite.shared().client();

    @Test
    void createsTheTableWithBothIndexesOnceAndLeavesAnExistingOneAlone() {
        String name = "chat-bootstrap-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            assertThat(TableBootstrap.ensureTable(client, name)).isTrue();
            assertThat(TableBootstrap.ensureTable(client, name)).isFalse();

            TableDescription table = client.describeTable(r -> r.tableName(name)).table();
            assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("PK", "SK");
            assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                    .containsExactlyInAnyOrder("GSI1", "GSI2");
            for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
                String prefix = index.indexName();
                assertThat(index.keySchema()).extracting(KeySchemaElement::attributeName)
                        .containsExactly(prefix + "PK", prefix + "SK");
                assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
            }
        } finally {
            client.deleteTable(r -> r.tableName(name));
        }
    }
}
