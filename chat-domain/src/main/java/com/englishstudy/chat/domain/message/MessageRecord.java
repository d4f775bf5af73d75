package com.englishstudy.chat.domain.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A stored message as bytes, for the in-memory store: its fields in a fixed order, each string as its UTF-8
 * length plus one (zero for null, as a varint) followed by its bytes. The room id is not written: the room's log
 * supplies it.
 *
 * <p>Order: messageId, userId, content, type (one byte), createdAt (epoch second, 8 bytes; nanos, 4 bytes),
 * clientMessageId, maleVoiceKey, femaleVoiceKey. The message id comes first so that it can be read alone.
 */
final class MessageRecord {
    private static final MessageType[] TYPES = MessageType.values();

    private MessageRecord() {}

    static byte[] encode(ChatMessage m) {
        byte[] id = utf8(m.messageId());
        byte[] user = utf8(m.userId());
        byte[] content = utf8(m.content());
        byte[] clientId = utf8(m.clientMessageId());
        byte[] male = utf8(m.maleVoiceKey());
        byte[] female = utf8(m.femaleVoiceKey());
        int size = sizeOf(id) + sizeOf(user) + sizeOf(content) + 1 + 12 + sizeOf(clientId) + sizeOf(male) + sizeOf(female);
        byte[] out = new byte[size];
        int p = put(out, 0, id);
        p = put(out, p, user);
        p = put(out, p, content);
        out[p++] = (byte) m.messageType().ordinal();
        p = putLong(out, p, m.createdAt().getEpochSecond());
        p = putInt(out, p, m.createdAt().getNano());
        p = put(out, p, clientId);
        p = put(out, p, male);
        put(out, p, female);
        return out;
    }

    static ChatMessage decode(byte[] chunk, int offset, String roomId) {
        Reader in = new Reader(chunk, offset);
        String messageId = in.string();
        String userId = in.string();
        String content = in.string();
        MessageType type = TYPES[chunk[in.at++]];
        Instant createdAt = Instant.ofEpochSecond(in.longValue(), in.intValue());
        return new ChatMessage(messageId, roomId, userId, content, type, createdAt, in.string(), in.string(),
                in.string());
    }

    static String messageId(byte[] chunk, int offset) {
        return new Reader(chunk, offset).string();
    }

    /** Whether the record at {@code offset} was sent by {@code userId} with {@code clientMessageId}. */
    static boolean hasClientKey(byte[] chunk, int offset, String userId, String clientMessageId) {
        Reader in = new Reader(chunk, offset);
        in.skipString();
        if (!userId.equals(in.string())) return false;
        in.skipString();
        in.at += 1 + 12;
        return clientMessageId.equals(in.string());
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static int sizeOf(byte[] s) {
        int length = s == null ? 0 : s.length + 1;
        int header = 1;
        while ((length >>>= 7) != 0) header++;
        return header + (s == null ? 0 : s.length);
    }

    private static int put(byte[] out, int p, byte[] s) {
        int length = s == null ? 0 : s.length + 1;
        while ((length & ~0x7F) != 0) {
            out[p++] = (byte) ((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out[p++] = (byte) length;
        if (s == null) return p;
        System.arraycopy(s, 0, out, p, s.length);
        return p + s.length;
    }

    private static int putLong(byte[] out, int p, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) out[p++] = (byte) (v >>> shift);
        return p;
    }

    private static int putInt(byte[] out, int p, int v) {
        for (int shift = 24; shift >= 0; shift -= 8) out[p++] = (byte) (v >>> shift);
        return p;
    }

    private static final class Reader {
        final byte[] bytes;
        int at;

        Reader(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        /** The length of the next string plus one, or zero for null. */
        private int header() {
            int value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                value |= (b & 0x7F) << shift;
                if (b >= 0) return value;
            }
        }

        String string() {
            int length = header();
            if (length == 0) return null;
            String s = new String(bytes, at, length - 1, StandardCharsets.UTF_8);
            at += length - 1;
            return s;
        }

        void skipString() {
            int length = header();
            if (length > 0) at += length - 1;
        }

        long longValue() {
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (bytes[at++] & 0xFF);
            return v;
        }

        int intValue() {
            int v = 0;
            for (int i = 0; i < 4; i++) v = (v << 8) | (bytes[at++] & 0xFF);
            return v;
        }
    }
}
