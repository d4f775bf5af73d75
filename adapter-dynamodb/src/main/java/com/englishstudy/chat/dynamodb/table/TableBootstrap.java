package com.englishstudy.chat.dynamodb.table;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the chat table where it is missing, for local engines and first runs. Production tables come from
 * the SAM template instead; this never changes a table that exists.
 */
public final class TableBootstrap {
    private static final System.Logger LOG = System.getLogger(TableBootstrap.class.getName());
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration WAIT_AT_MOST = Duration.ofMinutes(2);

    private TableBootstrap() {}

    /** Makes sure the table exists and is active; returns whether this call created it. */
    public static boolean ensureTable(DynamoDbClient client, String tableName) {
        boolean created = false;
        if (!exists(client, tableName)) {
            try {
                client.createTable(ChatTable.createTableRequest(tableName));
                created = true;
            } catch (ResourceInUseException raced) {
                // Another process created it between our look and our create: just wait for it like ours.
            }
        }
        awaitActive(client, tableName);
        if (created) enableTtl(client, tableName);
        return created;
    }

    private static boolean exists(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(r -> r.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void awaitActive(DynamoDbClient client, String tableName) {
        Instant deadline = Instant.now().plus(WAIT_AT_MOST);
        while (true) {
            TableStatus status = client.describeTable(r -> r.tableName(tableName)).table().tableStatus();
            if (status == TableStatus.ACTIVE) return;
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("table " + tableName + " not active after " + WAIT_AT_MOST + ": " + status);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }

    /**
     * Turns on TTL so expired tokens and connections go away by themselves. Engines without TTL (dynalite) refuse
     * the call; that is fine, because every read checks expiry against the clock anyway.
     */
    private static void enableTtl(DynamoDbClient client, String tableName) {
        try {
            TimeToLiveStatus status = client.describeTimeToLive(r -> r.tableName(tableName))
                    .timeToLiveDescription().timeToLiveStatus();
            if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) return;
            client.updateTimeToLive(r -> r.tableName(tableName)
                    .timeToLiveSpecification(s -> s.attributeName(ChatTable.TTL).enabled(true)));
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.INFO, "TTL not enabled on {0}: the engine refused ({1})", tableName, e.getMessage());
        }
    }
}
