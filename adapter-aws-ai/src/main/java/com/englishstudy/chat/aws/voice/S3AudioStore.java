package com.englishstudy.chat.aws.voice;

import com.englishstudy.chat.aws.ProviderFailures;
import com.englishstudy.chat.domain.voice.AudioStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The audio cache in one S3 bucket; links are presigned GETs, so the bucket itself stays private. */
public final class S3AudioStore implements AudioStore {
    static final String PROVIDER = "The audio store";
    private static final System.Logger LOG = System.getLogger(S3AudioStore.class.getName());
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(15);
    /** DeleteObjects takes at most this many keys at once. */
    static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration linkLifetime;
    private final int deleteBatch;

    public S3AudioStore(S3Client s3, S3Presigner presigner, String bucket) {
        this(s3, presigner, bucket, DEFAULT_LINK_LIFETIME);
    }

    /** @param linkLifetime how long a link from {@link #linkTo} works; SigV4 allows at most seven days */
    public S3AudioStore(S3Client s3, S3Presigner presigner, String bucket, Duration linkLifetime) {
        this(s3, presigner, bucket, linkLifetime, DELETE_BATCH);
    }

    private S3AudioStore(S3Client s3, S3Presigner presigner, String bucket, Duration linkLifetime, int deleteBatch) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        if (bucket == null || bucket.isBlank()) throw new IllegalArgumentException("CHAT_BUCKET_NAME is required");
        this.bucket = bucket;
        if (linkLifetime.isNegative() || linkLifetime.isZero() || linkLifetime.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("linkLifetime must be more than zero and at most seven days");
        }
        this.linkLifetime = linkLifetime;
        this.deleteBatch = deleteBatch;
    }

    /** The same store deleting fewer keys per call, so tests see several batches without a thousand objects. */
    S3AudioStore withDeleteBatch(int batch) {
        return new S3AudioStore(s3, presigner, bucket, linkLifetime, batch);
    }

    @Override
    public void put(String key, byte[] audio, String contentType) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(requireKey(key))
                .contentType(contentType)
                .build();
        try {
            s3.putObject(request, RequestBody.fromBytes(audio));
        } catch (SdkException e) {
            throw ProviderFailures.from(PROVIDER, e);
        }
    }

    @Override
    public URI linkTo(String key) {
        String url = presigner.presignGetObject(presign -> presign
                        .signatureDuration(linkLifetime)
                        .getObjectRequest(get -> get.bucket(bucket).key(requireKey(key))))
                .url().toString();
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("S3 presigner produced a URL that is not a URI: " + url, e);
        }
    }

    /**
     * Lists the prefix page by page and deletes each page in one DeleteObjects call. A blank prefix is refused
     * rather than read as "everything in the bucket".
     *
     * <p>This runs while a room is being deleted, after the room and its messages are gone, so nothing can
     * reach the recordings any more. A failure here is logged and swallowed rather than failing the person's
     * request for a room that no longer exists; the port allows stores to clean up lazily, and an S3 lifecycle
     * rule on {@code voice/} is the backstop for what is left behind.
     */
    @Override
    public void deleteByPrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) throw new IllegalArgumentException("prefix must not be blank");
        int failed = 0;
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(prefix).maxKeys(deleteBatch).build())) {
                List<ObjectIdentifier> keys = new ArrayList<>();
                for (S3Object object : page.contents()) keys.add(ObjectIdentifier.builder().key(object.key()).build());
                if (keys.isEmpty()) continue;
                DeleteObjectsResponse deleted = s3.deleteObjects(delete -> delete
                        .bucket(bucket)
                        .delete(batch -> batch.objects(keys).quiet(true)));
                if (deleted.hasErrors()) failed += deleted.errors().size();
            }
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "Could not delete audio under " + prefix + " in " + bucket
                    + "; it stays until a lifecycle rule removes it: " + e);
            return;
        }
        if (failed > 0) {
            int count = failed;
            LOG.log(System.Logger.Level.WARNING, () -> count + " recordings under " + prefix + " in " + bucket
                    + " could not be deleted");
        }
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("key must not be blank");
        return key;
    }
}
