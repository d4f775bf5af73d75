package com.englishstudy.chat.dynamodb;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where the table is, read from the environment (SPEC section 8).
 *
 * @param endpoint         {@code DYNAMODB_ENDPOINT}, or {@code null} for the region's DynamoDB
 * @param dummyCredentials a local endpoint and no AWS credentials in the environment: local engines accept
 *                         any signature, and the default chain would fail looking for real ones
 */
public record DynamoDbConfig(String tableName, URI endpoint, Region region, boolean createTable,
                             boolean dummyCredentials) {
    public static final String DEFAULT_TABLE_NAME = "ChatTable";
    public static final String DEFAULT_REGION = "ap-northeast-2";

    /** Any of these means the default chain has something to find. */
    private static final List<String> CREDENTIAL_VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");

    /** @throws IllegalArgumentException naming the variable that holds a value that cannot be used */
    public static DynamoDbConfig fromEnv(Map<String, String> env) {
        String tableName = valueOr(env, "CHAT_TABLE_NAME", DEFAULT_TABLE_NAME);
        if (!tableName.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException("CHAT_TABLE_NAME must be 3 to 255 of a-z A-Z 0-9 _ . -: " + tableName);
        }
        URI endpoint = endpoint(valueOr(env, "DYNAMODB_ENDPOINT", null));
        Region region = Region.of(valueOr(env, "AWS_REGION_NAME", DEFAULT_REGION));
        boolean createTable = flag(valueOr(env, "DYNAMODB_CREATE_TABLE", "false"));
        boolean hasCredentials = CREDENTIAL_VARIABLES.stream().anyMatch(name -> valueOr(env, name, null) != null);
        return new DynamoDbConfig(tableName, endpoint, region, createTable, endpoint != null && !hasCredentials);
    }

    /** A client on the URL-connection HTTP client, with the region always explicit. */
    public DynamoDbClient newClient() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials());
        if (endpoint != null) builder.endpointOverride(endpoint);
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        return dummyCredentials
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }

    private static URI endpoint(String raw) {
        if (raw == null) return null;
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("DYNAMODB_ENDPOINT must be an http(s) URL: " + raw);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DYNAMODB_ENDPOINT must be an http(s) URL: " + raw, e);
        }
    }

    private static boolean flag(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("DYNAMODB_CREATE_TABLE must be true or false: " + raw);
        };
    }

    private static String valueOr(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
