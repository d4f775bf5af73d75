package com.englishstudy.chat.aws.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.aws.AwsAi;
import com.englishstudy.chat.aws.AwsAiSettings;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.voice.AudioStore;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real S3 client and presigner against s3proxy, an S3-compatible server, on an in-memory blob store. s3proxy
 * checks SigV4 signatures with the test keys, so a tampered presigned link is refused as S3 would refuse it.
 */
class S3AudioStoreTest {
    private static final String BUCKET = "chat-audio-test";
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static BlobStore blobs;
    private static S3Proxy s3proxy;
    private static URI endpoint;

    private AwsAi aws;
    private AudioStore store;

    @BeforeAll
    static void startS3() throws Exception {
        blobs = new TransientNio2BlobStore();
        s3proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        s3proxy.start();
        for (int i = 0; i < 100 && !"STARTED".equals(s3proxy.getState()); i++) Thread.sleep(50);
        endpoint = URI.create("http://127.0.0.1:" + s3proxy.getPort());
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3proxy.stop();
    }

    @BeforeEach
    void createBucket() {
        if (!blobs.containerExists(BUCKET)) blobs.createContainer(BUCKET);
        aws = AwsAi.fromEnvironment(Map.of(
                "S3_ENDPOINT", endpoint.toString(),
                "CHAT_BUCKET_NAME", BUCKET,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY));
        store = aws.audioStore();
    }

    @AfterEach
    void closeClients() {
        aws.close();
        blobs.clearContainer(software.amazon.awssdk.services.s3.model.ListObjectsV2Request.builder().bucket(BUCKET).build());
    }

    @Test
    void storedAudioIsServedThroughAPresignedLinkForFifteenMinutes() throws Exception {
        byte[] audio = randomBytes(48_000);
        String key = "voice/room-1/msg-1/female.mp3";

        store.put(key, audio, "audio/mpeg");
        URI link = store.linkTo(key);

        assertThat(link.getRawPath()).isEqualTo("/" + BUCKET + "/" + key);
        assertThat(link.getRawQuery()).contains("X-Amz-Algorithm=AWS4-HMAC-SHA256").contains("X-Amz-Expires=900")
                .contains("X-Amz-Signature=");
        HttpResponse<byte[]> response = get(link);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(response.body()).isEqualTo(audio);
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        String key = "voice/room-1/msg-2/male.mp3";
        store.put(key, randomBytes(100), "audio/mpeg");
        String link = store.linkTo(key).toString();

        URI otherKey = URI.create(link.replace("/male.mp3", "/female.mp3"));
        String signature = link.substring(link.indexOf("X-Amz-Signature=") + 16);
        char flipped = signature.charAt(0) == '0' ? '1' : '0';
        URI badSignature = URI.create(link.replace("X-Amz-Signature=" + signature,
                "X-Amz-Signature=" + flipped + signature.substring(1)));

        assertThat(get(otherKey).statusCode()).isEqualTo(403);
        assertThat(get(badSignature).statusCode()).isEqualTo(403);
    }

    @Test
    void deleteByPrefixRemovesEveryKeyUnderItInBatchesAndNothingElse() {
        for (int i = 0; i < 5; i++) store.put("voice/room-1/msg-" + i + "/female.wav", randomBytes(10), "audio/wav");
        store.put("voice/room-10/msg-1/female.wav", randomBytes(10), "audio/wav");
        store.put("voice/room-2/msg-1/male.mp3", randomBytes(10), "audio/mpeg");
        S3AudioStore smallBatches = ((S3AudioStore) store).withDeleteBatch(2);

        smallBatches.deleteByPrefix("voice/room-1/");

        assertThat(keys()).containsExactlyInAnyOrder("voice/room-10/msg-1/female.wav", "voice/room-2/msg-1/male.mp3");
        smallBatches.deleteByPrefix("voice/room-1/");
        assertThat(keys()).hasSize(2);
    }

    @Test
    void aBlankPrefixIsRefusedRatherThanEmptyingTheBucket() {
        store.put("voice/room-1/msg-1/female.mp3", randomBytes(10), "audio/mpeg");

        assertThatThrownBy(() -> store.deleteByPrefix("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys()).hasSize(1);
    }

    @Test
    void aMissingBucketIsABadGateway() {
        try (AwsAi other = AwsAi.fromEnvironment(Map.of(
                "S3_ENDPOINT", endpoint.toString(), "CHAT_BUCKET_NAME", "no-such-bucket",
                "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY))) {
            assertThatThrownBy(() -> other.audioStore().put("voice/r/m/female.mp3", randomBytes(10), "audio/mpeg"))
                    .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                        assertThat(e.unavailable()).isFalse();
                        assertThat(e.getMessage()).isEqualTo("The audio store could not handle this request");
                    });
        }
    }

    @Test
    void anUnreachableStoreIsAServiceUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AwsAiSettings settings = AwsAiSettings.fromEnvironment(Map.of(
                        "S3_ENDPOINT", "http://127.0.0.1:" + closedPort, "CHAT_BUCKET_NAME", BUCKET))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2), 1);
        try (AwsAi other = new AwsAi(settings, null)) {
            assertThatThrownBy(() -> other.audioStore().put("voice/r/m/female.mp3", randomBytes(10), "audio/mpeg"))
                    .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isTrue());
            // A room's deletion must not fail because its recordings could not be cleaned up.
            other.audioStore().deleteByPrefix("voice/r/");
        }
    }

    private static List<String> keys() {
        return blobs.list(BUCKET).contents().stream().map(o -> o.key()).toList();
    }

    private static HttpResponse<byte[]> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
