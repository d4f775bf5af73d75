package com.englishstudy.chat.dynamodb.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts round trips and capacity units of every call a client makes. Dynalite reports consumed capacity for
 * the base table only, so units are also worked out here from the items themselves, the way DynamoDB bills:
 * a write costs 1 WCU per started KB of the larger of the item before and after, once for the table and once
 * for each GSI whose keys the item has (twice where an index key changes: delete and put); a refused condition
 * costs the table write and no index write. A read costs 0.5 RCU per started 4 KB (1 when strongly consistent),
 * summed over the items a query reads, per item for a batch get; a miss still costs the minimum.
 * The items before and after each write are looked up through a second, unmetered client.
 */
public final class CapacityMeter implements ExecutionInterceptor {
    private static final List<String> INDEXES = List.of("GSI1", "GSI2");

    /** One call as billed. */
    public record Call(String operation, String detail, double wcu, double rcu, Double reported) {}

    private DynamoDbClient shadow;
    private String table;
    private final List<Call> calls = new ArrayList<>();
    private static final ExecutionAttribute<List<Map<String, AttributeValue>>> BEFORE =
            new ExecutionAttribute<>("CapacityMeter.before");

    /** The unmetered client that reads item states around each write; set before any metered call. */
    public synchronized void watch(DynamoDbClient shadow, String table) {
        this.shadow = shadow;
        this.table = table;
    }

    public synchronized List<Call> drain() {
        List<Call> out = List.copyOf(calls);
        calls.clear();
        return out;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        return switch (request) {
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            default -> request;
        };
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Map<String, AttributeValue>> keys = writtenKeys(context.request());
        if (keys.isEmpty()) return;
        attributes.putAttribute(BEFORE, keys.stream().map(this::current).toList());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes.getAttribute(BEFORE), Optional.of(context.response()));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes.getAttribute(BEFORE), Optional.empty());
    }

    private void record(SdkRequest request, List<Map<String, AttributeValue>> was, Optional<SdkResponse> response) {
        Call call = switch (request) {
            case PutItemRequest r -> write("PutItem", describe(r.item()), was, response);
            case UpdateItemRequest r -> write("UpdateItem", describe(r.key()), was, response);
            case DeleteItemRequest r -> write("DeleteItem", describe(r.key()), was, response);
            case BatchWriteItemRequest r -> write("BatchWriteItem", r.requestItems().values().stream()
                    .mapToInt(List::size).sum() + " requests", was, response);
            case GetItemRequest r -> new Call("GetItem", describe(r.key()), 0,
                    units(size(response.map(x -> ((GetItemResponse) x).item()).orElse(Map.of())),
                            Boolean.TRUE.equals(r.consistentRead())), reported(response));
            case QueryRequest r -> query(r, response);
            case BatchGetItemRequest r -> batchGet(r, response);
            default -> new Call(request.getClass().getSimpleName().replace("Request", ""), "", 0, 0, null);
        };
        synchronized (this) {
            calls.add(call);
        }
    }

    private Call write(String operation, String detail, List<Map<String, AttributeValue>> was,
                       Optional<SdkResponse> response) {
        List<Map<String, AttributeValue>> keys = was == null ? List.of() : was.stream().map(this::keyOf).toList();
        double wcu = 0;
        for (int i = 0; i < (was == null ? 0 : was.size()); i++) {
            Map<String, AttributeValue> old = was.get(i);
            Map<String, AttributeValue> now = keys.get(i) == null ? Map.of() : current(keys.get(i));
            wcu += writeUnits(old, now);
        }
        return new Call(operation, detail + (response.isEmpty() ? " (condition refused)" : ""), wcu, 0, reported(response));
    }

    private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return item == null ? null : Map.of("PK", item.get("PK"), "SK", item.get("SK"));
    }

    private static double writeUnits(Map<String, AttributeValue> old, Map<String, AttributeValue> now) {
        double table = Math.max(1, Math.max(kb(old), kb(now)));
        if (old.equals(now)) return table;
        double units = table;
        for (String index : INDEXES) {
            boolean wasIn = old.containsKey(index + "PK") && old.containsKey(index + "SK");
            boolean isIn = now.containsKey(index + "PK") && now.containsKey(index + "SK");
            boolean sameKey = wasIn && isIn && old.get(index + "PK").equals(now.get(index + "PK"))
                    && old.get(index + "SK").equals(now.get(index + "SK"));
            if (sameKey) units += Math.max(1, kb(now));
            else {
                if (wasIn) units += Math.max(1, kb(old));
                if (isIn) units += Math.max(1, kb(now));
            }
        }
        return units;
    }

    private Call query(QueryRequest request, Optional<SdkResponse> response) {
        if (response.isEmpty()) return new Call("Query", request.indexName(), 0, 0, null);
        QueryResponse result = (QueryResponse) response.get();
        long bytes;
        if (request.projectionExpression() == null) {
            bytes = result.items().stream().mapToLong(CapacityMeter::size).sum();
        } else {
            // A projection trims what comes back, not what is read: read the same page whole to size it.
            bytes = shadow.query(withoutProjection(request)).items().stream().mapToLong(CapacityMeter::size).sum();
        }
        String detail = (request.indexName() == null ? "table" : request.indexName()) + ", "
                + result.count() + " items, " + bytes + " B";
        return new Call("Query", detail, 0, units(bytes, Boolean.TRUE.equals(request.consistentRead())),
                reported(response));
    }

    private Call batchGet(BatchGetItemRequest request, Optional<SdkResponse> response) {
        if (response.isEmpty()) return new Call("BatchGetItem", "", 0, 0, null);
        BatchGetItemResponse result = (BatchGetItemResponse) response.get();
        double rcu = 0;
        int found = 0;
        for (var items : result.responses().values()) {
            for (var item : items) {
                rcu += units(size(item), false);
                found++;
            }
        }
        int asked = request.requestItems().values().stream().mapToInt(k -> k.keys().size()).sum();
        rcu += (asked - found) * 0.5;
        return new Call("BatchGetItem", asked + " keys", 0, rcu, reported(response));
    }

    private static QueryRequest withoutProjection(QueryRequest request) {
        String used = String.join(" ", nullToEmpty(request.keyConditionExpression()),
                nullToEmpty(request.filterExpression()));
        Map<String, String> names = new LinkedHashMap<>();
        if (request.expressionAttributeNames() != null) {
            request.expressionAttributeNames().forEach((placeholder, name) -> {
                if (used.contains(placeholder)) names.put(placeholder, name);
            });
        }
        return request.toBuilder().projectionExpression(null).expressionAttributeNames(names.isEmpty() ? null : names)
                .returnConsumedCapacity((String) null).build();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private List<Map<String, AttributeValue>> writtenKeys(SdkRequest request) {
        return switch (request) {
            case PutItemRequest r -> List.of(Map.of("PK", r.item().get("PK"), "SK", r.item().get("SK")));
            case UpdateItemRequest r -> List.of(r.key());
            case DeleteItemRequest r -> List.of(r.key());
            case BatchWriteItemRequest r -> r.requestItems().values().stream().flatMap(List::stream)
                    .map(CapacityMeter::keyOfWrite).toList();
            default -> List.of();
        };
    }

    private static Map<String, AttributeValue> keyOfWrite(WriteRequest write) {
        if (write.deleteRequest() != null) return write.deleteRequest().key();
        Map<String, AttributeValue> item = write.putRequest().item();
        return Map.of("PK", item.get("PK"), "SK", item.get("SK"));
    }

    /** The item as it is now, keyed for the later comparison; an absent item is an empty map with its key. */
    private Map<String, AttributeValue> current(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = shadow.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            Map<String, AttributeValue> absent = new HashMap<>();
            absent.put("PK", key.get("PK"));
            absent.put("SK", key.get("SK"));
            absent.put("__absent", AttributeValue.fromBool(true));
            return absent;
        }
        return item;
    }

    private static Double reported(Optional<SdkResponse> response) {
        if (response.isEmpty()) return null;
        Object capacity = switch (response.get()) {
            case software.amazon.awssdk.services.dynamodb.model.PutItemResponse r -> r.consumedCapacity();
            case software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse r -> r.consumedCapacity();
            case software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse r -> r.consumedCapacity();
            case GetItemResponse r -> r.consumedCapacity();
            case QueryResponse r -> r.consumedCapacity();
            case BatchGetItemResponse r -> r.consumedCapacity();
            case software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse r -> r.consumedCapacity();
            default -> null;
        };
        if (capacity instanceof ConsumedCapacity single) return single.capacityUnits();
        if (capacity instanceof List<?> many) {
            return many.stream().mapToDouble(c -> ((ConsumedCapacity) c).capacityUnits()).sum();
        }
        return null;
    }

    private static double units(long bytes, boolean consistent) {
        double blocks = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? blocks : blocks / 2;
    }

    private static double kb(Map<String, AttributeValue> item) {
        if (item.containsKey("__absent")) return 0;
        return Math.ceil(size(item) / 1024.0);
    }

    private static String describe(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get("PK");
        AttributeValue sk = item.get("SK");
        return shorten(pk == null ? "?" : pk.s()) + " / " + shorten(sk == null ? "?" : sk.s());
    }

    private static final Pattern UUIDISH = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static String shorten(String key) {
        Matcher m = UUIDISH.matcher(key);
        return m.replaceAll(r -> m.group().substring(0, 8) + "…");
    }

    /** DynamoDB's item size: attribute names plus values, as its documentation counts them. */
    public static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (var entry : item.entrySet()) {
            if (entry.getKey().equals("__absent")) continue;
            bytes += utf8(entry.getKey()) + size(entry.getValue());
        }
        return bytes;
    }

    private static long size(AttributeValue value) {
        if (value.s() != null) return utf8(value.s());
        if (value.n() != null) return (value.n().replaceAll("[^0-9]", "").replaceFirst("^0+(?=.)", "").length() + 1) / 2 + 1;
        if (value.bool() != null) return 1;
        if (Boolean.TRUE.equals(value.nul())) return 1;
        if (value.hasL()) return 3 + value.l().stream().mapToLong(v -> 1 + size(v)).sum();
        if (value.hasM()) return 3 + value.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + size(e.getValue())).sum();
        if (value.hasSs()) return value.ss().stream().mapToLong(CapacityMeter::utf8).sum();
        if (value.b() != null) return value.b().asByteArray().length;
        return 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
