package com.englishstudy.chat.lambda.broadcast;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Where the WebSocket API's {@code @connections} endpoint is (SPEC 8), and the one client that talks to it.
 *
 * @param endpoint         {@code WEBSOCKET_MANAGEMENT_ENDPOINT}: {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}}
 *                         in AWS, the local gateway's own address locally
 * @param dummyCredentials a plain-http endpoint (a local stand-in) and no AWS credentials in the environment: the
 *                         stand-in accepts any signature, and the default chain would fail looking for real ones
 */
public record ManagementApi(URI endpoint, Region region, boolean dummyCredentials) {
    public static final String ENDPOINT_VARIABLE = "WEBSOCKET_MANAGEMENT_ENDPOINT";

    /** A post is one small frame to one socket: seconds, not the 29 s API Gateway gives a whole request. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);

    private static final List<String> CREDENTIAL_VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");

    /** @throws IllegalArgumentException when the endpoint is missing or not an http(s) URL */
    public static ManagementApi fromEnv(Map<String, String> env) {
        String raw = value(env, ENDPOINT_VARIABLE);
        if (raw == null) {
            throw new IllegalArgumentException(ENDPOINT_VARIABLE + " is required: the WebSocket API's @connections "
                    + "endpoint, https://{api-id}.execute-api.{region}.amazonaws.com/{stage}");
        }
        URI endpoint;
        try {
            endpoint = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT_VARIABLE + " must be an http(s) URL: " + raw, e);
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException(ENDPOINT_VARIABLE + " must be an http(s) URL: " + raw);
        }
        String region = value(env, "AWS_REGION_NAME");
        boolean hasCredentials = CREDENTIAL_VARIABLES.stream().anyMatch(name -> value(env, name) != null);
        return new ManagementApi(endpoint, Region.of(region == null ? "ap-northeast-2" : region),
                scheme.equals("http") && !hasCredentials);
    }

    /** The client with its region, credentials and HTTP client all explicit: nothing left for the SDK to look up. */
    public ApiGatewayManagementApiClient newClient() {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(CALL_TIMEOUT))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(retry -> retry.maxAttempts(2)))
                .build();
    }

    private AwsCredentialsProvider credentials() {
        return dummyCredentials
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
