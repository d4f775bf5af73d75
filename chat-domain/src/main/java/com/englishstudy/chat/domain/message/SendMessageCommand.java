package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.ChatException.InvalidInput;
import com.englishstudy.chat.domain.common.Texts;

/**
 * A {@code sendMessage} frame as the client wrote it. {@code roomId} and {@code userId} are optional; when
 * given they must be the connection's own.
 */
public record SendMessageCommand(String connectionId, String roomId, String userId, String content,
                                 String messageType, String clientMessageId) {
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 64;

    /** Checks the parts that do not depend on the connection; returns the type asked for. */
    MessageType validate(int maxMessageLength) {
        if (content == null) throw new InvalidInput("content is required");
        Texts.requireWellFormed(content, "content");
        Texts.requireWellFormed(clientMessageId, "clientMessageId");
        int length = content.codePointCount(0, content.length());
        if (length == 0 || content.isBlank()) throw new InvalidInput("content must not be blank");
        if (length > maxMessageLength) {
            throw new InvalidInput("content must be at most " + maxMessageLength + " characters");
        }
        if (clientMessageId != null && (clientMessageId.isEmpty() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH)) {
            throw new InvalidInput("clientMessageId must be 1 to " + MAX_CLIENT_MESSAGE_ID_LENGTH + " characters");
        }
        return MessageType.parseFromUser(messageType);
    }
}
