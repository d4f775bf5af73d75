package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.ChatException;

public enum MessageType {
    TEXT, IMAGE, VOICE,
    /** Made by the server for the tutor; no client may send it. */
    AI_RESPONSE;

    /** The type a user's frame asks for: TEXT when absent; AI_RESPONSE is refused. */
    public static MessageType parseFromUser(String raw) {
        if (raw == null) return TEXT;
        return switch (raw) {
            case "TEXT" -> TEXT;
            case "IMAGE" -> IMAGE;
            case "VOICE" -> VOICE;
            case "AI_RESPONSE" -> throw new ChatException.InvalidInput("messageType AI_RESPONSE is reserved for the AI tutor");
            default -> throw new ChatException.InvalidInput("messageType must be one of TEXT, IMAGE, VOICE");
        };
    }
}
