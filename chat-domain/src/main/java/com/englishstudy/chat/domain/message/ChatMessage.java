package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.voice.Voice;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored message.
 *
 * @param clientMessageId the sender's idempotency key, or {@code null}
 * @param maleVoiceKey    where the male reading is stored, once made; else {@code null}
 * @param femaleVoiceKey  likewise for the female reading
 */
public record ChatMessage(
        String messageId,
        String roomId,
        String userId,
        String content,
        MessageType messageType,
        Instant createdAt,
        String clientMessageId,
        String maleVoiceKey,
        String femaleVoiceKey) {

    /** The fields every message has; a store could not keep or order a message without them. */
    public ChatMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static ChatMessage create(String messageId, String roomId, String userId, String content,
                                     MessageType type, Instant createdAt, String clientMessageId) {
        return new ChatMessage(messageId, roomId, userId, content, type, createdAt, clientMessageId, null, null);
    }

    public String voiceKey(Voice voice) {
        return voice == Voice.MALE ? maleVoiceKey : femaleVoiceKey;
    }

    public ChatMessage withVoiceKey(Voice voice, String key) {
        return voice == Voice.MALE
                ? new ChatMessage(messageId, roomId, userId, content, messageType, createdAt, clientMessageId, key, femaleVoiceKey)
                : new ChatMessage(messageId, roomId, userId, content, messageType, createdAt, clientMessageId, maleVoiceKey, key);
    }
}
