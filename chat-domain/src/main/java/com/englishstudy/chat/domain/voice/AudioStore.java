package com.englishstudy.chat.domain.voice;

import java.net.URI;

/** Keeps made audio and hands out time-limited links to it. */
public interface AudioStore {
    /** @throws com.englishstudy.chat.domain.common.ChatException.ProviderFailed when the store cannot be written */
    void put(String key, byte[] audio, String contentType);

    /** A link that lets anyone holding it fetch the audio for a limited time. */
    URI linkTo(String key);

    /**
     * Removes every key under the prefix; used when a room is deleted, after the room itself is gone. Must not
     * throw for a provider failure (log it; a lifecycle rule or a later purge removes the rest): the room's
     * deletion has already happened for the person who asked. Stores may do this lazily.
     */
    void deleteByPrefix(String prefix);
}
