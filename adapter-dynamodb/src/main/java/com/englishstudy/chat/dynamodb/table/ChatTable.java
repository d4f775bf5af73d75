package com.englishstudy.chat.dynamodb.table;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one table every item lives in, as seed section 7.2 declares it: PK/SK, GSI1 and GSI2 projecting all
 * attributes, on-demand billing, TTL on {@code ttl}. The SAM template mirrors this class; keep them equal.
 */
public final class ChatTable {
    /** The condition of a write that must not create the item it changes (an update of a deleted item). */
    public static final Expression ITEM_EXISTS = Expression.builder()
            .expression("attribute_exists(#pk)")
            .putExpressionName("#pk", "PK")
            .build();

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2_PK = "GSI2PK";
    public static final String GSI2_SK = "GSI2SK";
    /** Epoch seconds; DynamoDB's TTL deletes the item some time after it, so reads check the clock too. */
    public static final String TTL = "ttl";

    /** The sort key of an entity's own item (room, connection, token), as in the seed. */
    public static final String METADATA = "METADATA";

    private ChatTable() {}

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        stringAttribute(PK), stringAttribute(SK),
                        stringAttribute(GSI1_PK), stringAttribute(GSI1_SK),
                        stringAttribute(GSI2_PK), stringAttribute(GSI2_SK))
                .keySchema(keySchema(PK, SK))
                .globalSecondaryIndexes(index(GSI1, GSI1_PK, GSI1_SK), index(GSI2, GSI2_PK, GSI2_SK))
                .build();
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(keySchema(partitionKey, sortKey))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey) {
        return List.of(
                KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
