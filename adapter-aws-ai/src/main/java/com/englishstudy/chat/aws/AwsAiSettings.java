package com.englishstudy.chat.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * Where and how the AWS AI services are reached (SPEC 8).
 *
 * @param bedrockModelId   {@code BEDROCK_MODEL_ID}; {@code null} when no Bedrock tutor is configured
 * @param bedrockEndpoint  {@code BEDROCK_ENDPOINT}, a local stand-in; {@code null} for the real service
 * @param pollyEndpoint    {@code POLLY_ENDPOINT}; likewise
 * @param s3Endpoint       {@code S3_ENDPOINT}; likewise, and it switches S3 to path-style addressing
 * @param bucketName       {@code CHAT_BUCKET_NAME}; {@code null} when no S3 audio store is configured
 * @param bedrockTimeout   the whole of one Bedrock call, retries included
 * @param pollyTimeout     likewise for Polly
 * @param s3Timeout        likewise for one S3 call
 * @param maxAttempts      attempts per call, the first one included
 */
public record AwsAiSettings(
        Region region,
        String bedrockModelId,
        URI bedrockEndpoint,
        URI pollyEndpoint,
        URI s3Endpoint,
        String bucketName,
        String pollyFemaleVoice,
        String pollyMaleVoice,
        Duration bedrockTimeout,
        Duration pollyTimeout,
        Duration s3Timeout,
        int maxAttempts) {

    public static final String DEFAULT_REGION = "ap-northeast-2";
    // API Gateway gives up after 29 s; each call has to fail on its own terms well before that.
    public static final Duration DEFAULT_BEDROCK_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_POLLY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_S3_TIMEOUT = Duration.ofSeconds(10);
    /** One try and two retries. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public AwsAiSettings {
        if (region == null) throw new IllegalArgumentException("AWS_REGION_NAME is required");
        bedrockModelId = blankToNull(bedrockModelId);
        bucketName = blankToNull(bucketName);
        if (pollyFemaleVoice == null || pollyFemaleVoice.isBlank()) pollyFemaleVoice = "Joanna";
        if (pollyMaleVoice == null || pollyMaleVoice.isBlank()) pollyMaleVoice = "Matthew";
        requirePositive(bedrockTimeout, "bedrockTimeout");
        requirePositive(pollyTimeout, "pollyTimeout");
        requirePositive(s3Timeout, "s3Timeout");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    /** Reads SPEC 8's variables; a malformed endpoint stops start-up with the variable's name. */
    public static AwsAiSettings fromEnvironment(Map<String, String> env) {
        String region = blankToNull(env.get("AWS_REGION_NAME"));
        return new AwsAiSettings(
                Region.of(region == null ? DEFAULT_REGION : region.strip()),
                env.get("BEDROCK_MODEL_ID"),
                endpoint(env, "BEDROCK_ENDPOINT"),
                endpoint(env, "POLLY_ENDPOINT"),
                endpoint(env, "S3_ENDPOINT"),
                env.get("CHAT_BUCKET_NAME"),
                env.get("POLLY_FEMALE_VOICE"),
                env.get("POLLY_MALE_VOICE"),
                DEFAULT_BEDROCK_TIMEOUT,
                DEFAULT_POLLY_TIMEOUT,
                DEFAULT_S3_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS);
    }

    public AwsAiSettings withTimeouts(Duration bedrock, Duration polly, Duration s3, int attempts) {
        return new AwsAiSettings(region, bedrockModelId, bedrockEndpoint, pollyEndpoint, s3Endpoint, bucketName,
                pollyFemaleVoice, pollyMaleVoice, bedrock, polly, s3, attempts);
    }

    public boolean anyEndpointOverride() {
        return bedrockEndpoint != null || pollyEndpoint != null || s3Endpoint != null;
    }

    private static URI endpoint(Map<String, String> env, String name) {
        String raw = blankToNull(env.get(name));
        if (raw == null) return null;
        try {
            URI uri = URI.create(raw.strip());
            if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("no scheme or host");
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an absolute URL such as http://localhost:4566", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }
}
