package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.voice.Voice;
import java.util.Optional;

/** Messages of rooms. Listings are newest first; messages of one room sort by (createdAt, messageId). */
public interface MessageRepository {

    /**
     * Stores the message. When it carries a {@code clientMessageId} already used by the same user in the same
     * room, stores nothing and returns the original; two racing saves of one key store exactly one.
     * {@link SaveOutcome.Stored} carries the message actually stored, which may be the key's original when
     * an earlier save of it was interrupted and this call completed it.
     */
    SaveOutcome save(ChatMessage message);

    Optional<ChatMessage> find(String messageId);

    Page<ChatMessage> listByRoom(String roomId, PageRequest page);

    Page<ChatMessage> listByUser(String userId, PageRequest page);

    /** Records where a reading of the message is stored; does nothing if the message is gone. */
    void recordVoiceKey(String messageId, Voice voice, String key);

    /** Removes every message of the room, and whatever the repository keeps for their idempotency. */
    void deleteByRoom(String roomId);
}
