package com.englishstudy.chat.domain.message;

/** What saving a message did. */
public sealed interface SaveOutcome {
    record Stored(ChatMessage message) implements SaveOutcome {}

    /** The same (room, user, clientMessageId) was stored before: {@code original} is that message, unchanged. */
    record Duplicate(ChatMessage original) implements SaveOutcome {}
}
