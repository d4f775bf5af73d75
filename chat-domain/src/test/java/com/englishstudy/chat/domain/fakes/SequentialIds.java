package com.englishstudy.chat.domain.fakes;

import com.englishstudy.chat.domain.common.Ids;
import java.util.concurrent.atomic.AtomicInteger;

/** Predictable ids; message ids sort in the order they are made, as the real ones do. Thread-safe. */
public final class SequentialIds implements Ids {
    private final AtomicInteger rooms = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger tokens = new AtomicInteger();

    @Override
    public String newRoomId() {
        return "room-" + rooms.incrementAndGet();
    }

    @Override
    public String newMessageId() {
        return String.format("msg-%06d", messages.incrementAndGet());
    }

    @Override
    public String newRoomToken() {
        return "token-" + tokens.incrementAndGet();
    }
}
