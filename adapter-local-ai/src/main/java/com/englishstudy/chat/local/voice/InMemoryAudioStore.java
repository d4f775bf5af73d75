package com.englishstudy.chat.local.voice;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.voice.AudioStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audio cache of the local runtime: in memory, bounded in bytes, least recently used audio evicted first.
 * Links point at the server itself, {@code {base}/audio/{key}?expires={epochSeconds}&sig={hmac}}, and are signed
 * so that, like S3's presigned links, they cannot be forged or extended and stop working after a while.
 *
 * <p>The server mounts {@code GET /audio/*} on {@link #open}. An evicted recording is simply gone: the message
 * still names its key, so the link 404s until the audio is made again. Thread-safe.
 */
public final class InMemoryAudioStore implements AudioStore {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(15);
    private static final String HMAC = "HmacSHA256";

    /** What {@link #open} finds behind a link. */
    public sealed interface Fetch {
        /** The audio; a copy, the caller may keep it. */
        record Found(byte[] audio, String contentType) implements Fetch {}

        /** The link was forged, altered, malformed or has expired: a 403. */
        record Refused(String reason) implements Fetch {}

        /** The link is good but the audio is gone (evicted, or its room deleted): a 404. */
        record Missing() implements Fetch {}
    }

    private record Stored(byte[] audio, String contentType) {}

    private final Supplier<URI> baseUrl;
    private final long maxBytes;
    private final Duration linkLifetime;
    private final SecretKeySpec key;
    private final Clock clock;
    private final LinkedHashMap<String, Stored> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes;

    /**
     * 64 MiB, links valid 15 minutes, signed with a random key made now: links do not outlive the process,
     * and neither does the audio.
     *
     * @param baseUrl the server's own address as clients reach it, asked for at each link (so it may be known
     *                only once the server has started); {@code null} or empty gives links relative to the host
     */
    public InMemoryAudioStore(Supplier<URI> baseUrl) {
        this(baseUrl, DEFAULT_MAX_BYTES, DEFAULT_LINK_LIFETIME, randomSecret(), Clock.systemUTC());
    }

    public InMemoryAudioStore(Supplier<URI> baseUrl, long maxBytes, Duration linkLifetime, byte[] secret, Clock clock) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive");
        this.maxBytes = maxBytes;
        if (linkLifetime.isNegative() || linkLifetime.isZero()) throw new IllegalArgumentException("linkLifetime must be positive");
        this.linkLifetime = linkLifetime;
        if (secret == null || secret.length < 16) throw new IllegalArgumentException("secret must be at least 16 bytes");
        this.key = new SecretKeySpec(secret.clone(), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(String key, byte[] audio, String contentType) {
        requireKey(key);
        Objects.requireNonNull(contentType, "contentType");
        if (audio.length > maxBytes) {
            throw new ChatException.ProviderFailed("The recording is too large to keep", false, null);
        }
        Stored stored = new Stored(audio.clone(), contentType);
        synchronized (entries) {
            Stored previous = entries.remove(key);
            if (previous != null) totalBytes -= previous.audio().length;
            Iterator<Stored> oldestFirst = entries.values().iterator();
            while (totalBytes + audio.length > maxBytes && oldestFirst.hasNext()) {
                totalBytes -= oldestFirst.next().audio().length;
                oldestFirst.remove();
            }
            entries.put(key, stored);
            totalBytes += audio.length;
        }
    }

    @Override
    public URI linkTo(String key) {
        requireKey(key);
        long expires = clock.instant().plus(linkLifetime).getEpochSecond();
        URI base = baseUrl.get();
        String root = base == null ? "" : base.toString();
        while (root.endsWith("/")) root = root.substring(0, root.length() - 1);
        return URI.create(root + "/audio/" + encodePath(key) + "?expires=" + expires + "&sig=" + sign(key, expires));
    }

    @Override
    public void deleteByPrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) throw new IllegalArgumentException("prefix must not be blank");
        synchronized (entries) {
            Iterator<Map.Entry<String, Stored>> all = entries.entrySet().iterator();
            while (all.hasNext()) {
                Map.Entry<String, Stored> entry = all.next();
                if (entry.getKey().startsWith(prefix)) {
                    totalBytes -= entry.getValue().audio().length;
                    all.remove();
                }
            }
        }
    }

    /**
     * Checks a link's signature and expiry, then reads the audio.
     *
     * @param key     the key as in the link's path after {@code /audio/}, percent-decoded
     * @param expires the link's {@code expires} parameter, as given
     * @param sig     the link's {@code sig} parameter, as given
     */
    public Fetch open(String key, String expires, String sig) {
        if (key == null || key.isEmpty() || expires == null || sig == null || !expires.matches("[0-9]{1,18}")) {
            return new Fetch.Refused("The audio link is malformed");
        }
        long expiresAt = Long.parseLong(expires);
        byte[] expected = sign(key, expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            return new Fetch.Refused("The audio link is not valid");
        }
        if (clock.instant().getEpochSecond() > expiresAt) return new Fetch.Refused("The audio link has expired");
        Stored stored;
        synchronized (entries) {
            stored = entries.get(key);
        }
        return stored == null ? new Fetch.Missing() : new Fetch.Found(stored.audio().clone(), stored.contentType());
    }

    /** Bytes held now; never more than the bound. */
    public long totalBytes() {
        synchronized (entries) {
            return totalBytes;
        }
    }

    private String sign(String key, long expires) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(this.key);
            // The newline keeps key and expiry apart: no key can end in digits that shift into the expiry.
            byte[] digest = mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Keeps the key's slashes as path separators and percent-encodes anything but unreserved characters. */
    static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (plain) out.append((char) c);
            else out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
        }
        return out.toString();
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("key must not be blank");
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
