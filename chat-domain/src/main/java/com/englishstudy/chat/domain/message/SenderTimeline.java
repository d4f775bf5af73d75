package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.ListingPosition;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * One sender's messages across rooms, oldest first by (createdAt millisecond, messageId), as two parallel arrays
 * of numbers ({@link RoomLog#ref refs} and milliseconds): no object and no reference per message. Thread-safe;
 * while holding its lock it takes a room's lock only to read a message id on a tie of milliseconds (a room's lock
 * never waits for this one, so the two cannot deadlock).
 */
final class SenderTimeline {
    private final ReentrantLock lock = new ReentrantLock();
    /** The room logs by number; null once a room's messages are deleted. */
    private final IntFunction<RoomLog> logs;
    private long[] refs = new long[8];
    private long[] millis = new long[8];
    private int size;

    SenderTimeline(IntFunction<RoomLog> logs) {
        this.logs = logs;
    }

    void add(RoomLog room, int seq, long createdAtMillis, String messageId) {
        lock.lock();
        try {
            if (size == refs.length) {
                int capacity = size + (size >> 1);
                refs = Arrays.copyOf(refs, capacity);
                millis = Arrays.copyOf(millis, capacity);
            }
            int at = TimeOrder.firstNotBefore(millis, size, createdAtMillis, messageId, this::messageIdAt);
            System.arraycopy(refs, at, refs, at + 1, size - at);
            System.arraycopy(millis, at, millis, at + 1, size - at);
            refs[at] = room.ref(seq);
            millis[at] = createdAtMillis;
            size++;
            // Its room was deleted while the message was on its way here, after that deletion cleared this timeline.
            if (room.deleted()) removeRoom(room.number);
        } finally {
            lock.unlock();
        }
    }

    /** The refs of up to {@code count} messages older than {@code before} (or the newest, when null), newest first. */
    long[] newestBefore(ListingPosition before, int count) {
        lock.lock();
        try {
            int end = before == null ? size
                    : TimeOrder.firstNotBefore(millis, size, before.createdAtMillis(), before.id(), this::messageIdAt);
            int n = Math.min(count, end);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = refs[end - 1 - i];
            return out;
        } finally {
            lock.unlock();
        }
    }

    void removeRoom(int roomNumber) {
        lock.lock();
        try {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (RoomLog.numberOf(refs[i]) == roomNumber) continue;
                refs[kept] = refs[i];
                millis[kept] = millis[i];
                kept++;
            }
            size = kept;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The id of entry {@code index}. An entry whose room is already unregistered lives only until the deletion
     * reaches this timeline; it sorts first among its millisecond meanwhile.
     */
    private String messageIdAt(int index) {
        RoomLog room = logs.apply(RoomLog.numberOf(refs[index]));
        return room == null ? "" : room.messageId(RoomLog.seqOf(refs[index]));
    }
}
