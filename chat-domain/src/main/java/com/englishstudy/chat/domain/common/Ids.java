package com.englishstudy.chat.domain.common;

/** Where new identifiers come from; tests swap in predictable ones. */
public interface Ids {
    String newRoomId();

    /** Ids that sort in the order they were made within one process, so equal timestamps keep their order. */
    String newMessageId();

    /** An unguessable single-use ticket. */
    String newRoomToken();
}
