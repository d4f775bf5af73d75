package com.englishstudy.chat.dynamodb.table;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/** Deletes many items by key, 25 to a request as DynamoDB allows, until none is left unprocessed. */
public final class Batches {
    private static final int MAX_PER_REQUEST = 25;
    private static final int MAX_ROUNDS = 12;

    private Batches() {}

    public static <T> void deleteAll(DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, Class<T> type,
                                     List<Key> keys) {
        for (int from = 0; from < keys.size(); from += MAX_PER_REQUEST) {
            List<Key> pending = new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + MAX_PER_REQUEST)));
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw new IllegalStateException(pending.size() + " deletes stayed unprocessed in " + table.tableName());
                }
                if (round > 0) pause(round);
                WriteBatch.Builder<T> batch = WriteBatch.builder(type).mappedTableResource(table);
                pending.forEach(batch::addDeleteItem);
                BatchWriteResult result = enhanced.batchWriteItem(
                        BatchWriteItemEnhancedRequest.builder().writeBatches(batch.build()).build());
                pending = new ArrayList<>(result.unprocessedDeleteItemsForTable(table));
            }
        }
    }

    /** Unprocessed items mean the partition is throttled: back off before asking again. */
    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting", e);
        }
    }
}
