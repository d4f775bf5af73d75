package com.englishstudy.chat.aws;

import com.englishstudy.chat.aws.tutor.BedrockTutor;
import com.englishstudy.chat.aws.voice.PollySpeechSynthesizer;
import com.englishstudy.chat.aws.voice.S3AudioStore;
import com.englishstudy.chat.domain.tutor.Tutor;
import com.englishstudy.chat.domain.voice.AudioStore;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.PollyClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the AWS AI adapters for a composition root. Each is made on first request and then reused, so a
 * runtime that only wants the tutor never opens a Polly or S3 client. {@link #close()} closes what was made.
 *
 * <p>Credentials: the SDK's default chain for the real services. For a service whose endpoint is overridden (a
 * local stand-in) the environment's {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} are used when set,
 * and fixed dummy keys otherwise, because stand-ins check the signature's shape, not who signed.
 *
 * <p>After {@link #close()} the adapters handed out no longer work; asking again builds new ones.
 */
public final class AwsAi implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final AwsCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final AwsAiSettings settings;
    private final AwsCredentialsProvider standInCredentials;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private DefaultCredentialsProvider defaultChain;
    private BedrockTutor tutor;
    private PollySpeechSynthesizer speech;
    private S3AudioStore audioStore;

    /** Reads SPEC 8's variables from {@code env}, normally {@code System.getenv()}. */
    public static AwsAi fromEnvironment(Map<String, String> env) {
        return new AwsAi(AwsAiSettings.fromEnvironment(env), standInCredentials(env));
    }

    /** @param standInCredentials used only for services whose endpoint is overridden */
    public AwsAi(AwsAiSettings settings, AwsCredentialsProvider standInCredentials) {
        this.settings = settings;
        this.standInCredentials = standInCredentials == null ? DUMMY : standInCredentials;
    }

    public AwsAiSettings settings() {
        return settings;
    }

    /** True when {@code BEDROCK_MODEL_ID} is set, so {@link #tutor()} can be built. */
    public boolean tutorConfigured() {
        return settings.bedrockModelId() != null;
    }

    /** True when {@code CHAT_BUCKET_NAME} is set, so {@link #audioStore()} can be built. */
    public boolean audioStoreConfigured() {
        return settings.bucketName() != null;
    }

    /** @throws IllegalStateException when {@code BEDROCK_MODEL_ID} is not set */
    public synchronized Tutor tutor() {
        if (tutor == null) {
            if (!tutorConfigured()) throw new IllegalStateException("BEDROCK_MODEL_ID is not set");
            tutor = new BedrockTutor(bedrockClient(), settings.bedrockModelId());
        }
        return tutor;
    }

    public synchronized SpeechSynthesizer speech() {
        if (speech == null) {
            speech = new PollySpeechSynthesizer(pollyClient(), settings.pollyFemaleVoice(), settings.pollyMaleVoice());
        }
        return speech;
    }

    /** @throws IllegalStateException when {@code CHAT_BUCKET_NAME} is not set */
    public synchronized AudioStore audioStore() {
        if (audioStore == null) {
            if (!audioStoreConfigured()) throw new IllegalStateException("CHAT_BUCKET_NAME is not set");
            audioStore = new S3AudioStore(s3Client(), s3Presigner(), settings.bucketName());
        }
        return audioStore;
    }

    private BedrockRuntimeClient bedrockClient() {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .region(settings.region())
                .credentialsProvider(credentialsFor(settings.bedrockEndpoint()))
                .httpClientBuilder(httpClient(settings.bedrockTimeout()))
                .overrideConfiguration(overrides(settings.bedrockTimeout(), settings.bedrockTimeout()));
        if (settings.bedrockEndpoint() != null) builder.endpointOverride(settings.bedrockEndpoint());
        return remember(builder.build());
    }

    private PollyClient pollyClient() {
        PollyClientBuilder builder = PollyClient.builder()
                .region(settings.region())
                .credentialsProvider(credentialsFor(settings.pollyEndpoint()))
                .httpClientBuilder(httpClient(settings.pollyTimeout()))
                .overrideConfiguration(overrides(settings.pollyTimeout(), twoThirds(settings.pollyTimeout())));
        if (settings.pollyEndpoint() != null) builder.endpointOverride(settings.pollyEndpoint());
        return remember(builder.build());
    }

    private S3Client s3Client() {
        S3ClientBuilder builder = S3Client.builder()
                .region(settings.region())
                .credentialsProvider(credentialsFor(settings.s3Endpoint()))
                .httpClientBuilder(httpClient(settings.s3Timeout()))
                .overrideConfiguration(overrides(settings.s3Timeout(), twoThirds(settings.s3Timeout())));
        if (settings.s3Endpoint() != null) {
            // Stand-ins answer on one host name, without a DNS name per bucket.
            builder.endpointOverride(settings.s3Endpoint()).forcePathStyle(true);
        }
        return remember(builder.build());
    }

    private S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(settings.region())
                .credentialsProvider(credentialsFor(settings.s3Endpoint()));
        if (settings.s3Endpoint() != null) {
            builder.endpointOverride(settings.s3Endpoint())
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return remember(builder.build());
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (AutoCloseable closeable : opened.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (first == null) first = new IllegalStateException("Closing an AWS client failed", e);
            }
        }
        opened.clear();
        tutor = null;
        speech = null;
        audioStore = null;
        defaultChain = null;
        if (first != null) throw first;
    }

    /** Handed over as a builder so that the service client owns, and closes, the HTTP client it makes. */
    private static UrlConnectionHttpClient.Builder httpClient(Duration callTimeout) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(callTimeout);
    }

    /**
     * The call timeout bounds all attempts and back-off together. Polly and S3 answer in well under a second,
     * so an attempt that takes two thirds of the call is hung and is cut to leave time for a retry; a model
     * may legitimately take most of the call to write its reply, so a Bedrock attempt may use all of it.
     */
    private ClientOverrideConfiguration overrides(Duration callTimeout, Duration attemptTimeout) {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(callTimeout)
                .apiCallAttemptTimeout(attemptTimeout)
                .retryStrategy(retry -> retry.maxAttempts(settings.maxAttempts()))
                .build();
    }

    private static Duration twoThirds(Duration d) {
        return d.multipliedBy(2).dividedBy(3);
    }

    private synchronized AwsCredentialsProvider credentialsFor(URI endpoint) {
        if (endpoint != null) return standInCredentials;
        if (defaultChain == null) defaultChain = remember(DefaultCredentialsProvider.builder().build());
        return defaultChain;
    }

    private synchronized <T extends AutoCloseable> T remember(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static AwsCredentialsProvider standInCredentials(Map<String, String> env) {
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) return DUMMY;
        String session = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(session == null || session.isBlank()
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, session));
    }
}
