package com.englishstudy.chat.ports.cursor;

import com.englishstudy.chat.domain.common.ChatException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a storage position into an opaque, URL-safe, tamper-evident cursor bound to the listing it came from.
 *
 * <p>A cursor is {@code base64url(position) "." base64url(mac)} where the MAC (HMAC-SHA256, first 16 bytes)
 * covers the listing's scope (route and filters) and the position. A cursor changed by a byte, made up, or
 * issued for other filters fails the MAC and is refused as a bad request, never passed to storage.
 * See docs/decisions/0002-signed-cursors.md.
 */
public final class CursorCodec {
    private static final int MAC_BYTES = 16;
    private static final int MAX_CURSOR_LENGTH = 2048;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public CursorCodec(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("cursor secret must be at least 16 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A key made at random: cursors then live as long as this process. */
    public static CursorCodec withRandomKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new CursorCodec(secret);
    }

    /** From {@code CURSOR_SECRET} when set (all instances of a deployment must share it), else random. */
    public static CursorCodec fromSecret(String secretOrNull) {
        if (secretOrNull == null || secretOrNull.isBlank()) return withRandomKey();
        return new CursorCodec(secretOrNull.getBytes(StandardCharsets.UTF_8));
    }

    public String seal(String scope, String position) {
        if (position == null) return null;
        byte[] raw = position.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(raw) + "." + ENCODER.encodeToString(mac(scope, raw));
    }

    /** The position inside a cursor of this scope; {@code null} for no cursor. */
    public String open(String scope, String cursor) {
        if (cursor == null) return null;
        int dot = cursor.indexOf('.');
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH || dot < 0 || dot != cursor.lastIndexOf('.')) {
            throw invalid();
        }
        try {
            String position = new String(DECODER.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
            // Sealed again and compared as text, not as decoded bytes: the decoder ignores the unused low bits
            // of a last character, so several spellings decode alike, and a changed cursor must be refused.
            byte[] resealed = seal(scope, position).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(resealed, cursor.getBytes(StandardCharsets.US_ASCII))) throw invalid();
            return position;
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
    }

    private byte[] mac(String scope, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(position), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ChatException invalid() {
        return new ChatException.InvalidInput("Invalid cursor: it was changed, or belongs to another listing");
    }
}
