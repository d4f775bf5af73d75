package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.ListingPosition;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.voice.Voice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * One room's messages in memory. Each message is written once as a {@link MessageRecord} into byte chunks that
 * only grow, and is known by its sequence number in the room; the time order and the idempotency keys are
 * arrays of numbers. So a stored message is no object of its own: the collector copies a few large arrays
 * instead of every message's strings, which is what kept young pauses long while messages accumulate.
 *
 * <p>Thread-safe: every method takes the room's lock; only {@link #append}'s callback takes another lock while
 * holding it (the repository's id stripe, which never waits for anything). A deleted log keeps its bytes: until
 * the deletion has reached every index, an entry may still name it.
 */
final class RoomLog {
    /** The first chunk's size (or the first record's, if larger): many rooms hold only a few messages. */
    private static final int FIRST_CHUNK_BYTES = 256;
    private static final int LARGEST_CHUNK_BYTES = 256 * 1024;

    /** What {@link #append} did. */
    sealed interface Append {
        record Stored(int seq) implements Append {}

        record Duplicate(ChatMessage original) implements Append {}

        /** The room's messages were deleted: this log takes no more. */
        record Deleted() implements Append {}
    }

    /** What a deleted log held that other indexes point at. */
    record Removal(int[] messageIdHashes, Set<String> senders) {}

    final String roomId;
    /** Unique in its repository and never reused, so that an index entry can name the log by a number. */
    final int number;
    private final ReentrantLock lock = new ReentrantLock();
    /** Set once, under the lock; read without it by indexes that may still name this log. */
    private volatile boolean deleted;

    private byte[][] chunks = new byte[4][];
    private int chunkCount;
    /** Bytes used in the last chunk. */
    private int used;

    /** Where the current version of each message starts ({@code chunk << 32 | offset}), by sequence number. */
    private long[] addressBySeq = new long[4];
    private int count;
    /** Sequence numbers oldest first by (createdAt millisecond, messageId), and their milliseconds. */
    private int[] seqByTime = new int[4];
    private long[] millisByTime = new long[4];
    /** (userId, clientMessageId) to sequence number; null until a message carries a clientMessageId. */
    private MessageSlots byClientKey;
    private final Set<String> senders = new HashSet<>();

    private final ClientKeyHash clientKeys;

    RoomLog(String roomId, int number, ClientKeyHash clientKeys) {
        this.roomId = roomId;
        this.number = number;
        this.clientKeys = clientKeys;
    }

    /** Message {@code seq} of this log as one number, for indexes that must hold no references. */
    long ref(int seq) {
        return ((long) number << 32) | seq;
    }

    static int numberOf(long ref) {
        return (int) (ref >>> 32);
    }

    static int seqOf(long ref) {
        return (int) ref;
    }

    boolean deleted() {
        return deleted;
    }

    /**
     * Stores the message unless its (user, clientMessageId) was stored here before. {@code onStored} gets the new
     * sequence number while the lock is still held, so that other indexes learn of the message before any listing
     * shows it; it must not wait for a lock of its own that may be held while waiting for this one.
     */
    Append append(ChatMessage message, IntConsumer onStored) {
        lock.lock();
        try {
            if (deleted) return new Append.Deleted();
            String clientId = message.clientMessageId();
            if (clientId != null) {
                int original = seqOfClientKey(message.userId(), clientId);
                if (original >= 0) return new Append.Duplicate(read(original));
            }
            int seq = count;
            if (seq == addressBySeq.length) {
                int capacity = seq + (seq >> 1);
                addressBySeq = Arrays.copyOf(addressBySeq, capacity);
                seqByTime = Arrays.copyOf(seqByTime, capacity);
                millisByTime = Arrays.copyOf(millisByTime, capacity);
            }
            addressBySeq[seq] = write(MessageRecord.encode(message));
            long millis = message.createdAt().toEpochMilli();
            int at = TimeOrder.firstNotBefore(millisByTime, count, millis, message.messageId(),
                    i -> messageIdAt(seqByTime[i]));
            System.arraycopy(seqByTime, at, seqByTime, at + 1, count - at);
            System.arraycopy(millisByTime, at, millisByTime, at + 1, count - at);
            seqByTime[at] = seq;
            millisByTime[at] = millis;
            count++;
            if (clientId != null) {
                if (byClientKey == null) byClientKey = new MessageSlots();
                byClientKey.add(clientKeys.of(message.userId(), clientId), seq);
            }
            senders.add(message.userId());
            onStored.accept(seq);
            return new Append.Stored(seq);
        } finally {
            lock.unlock();
        }
    }

    /** The current version of message {@code seq} if it has {@code messageId} and the room is not deleted; else null. */
    ChatMessage find(int seq, String messageId) {
        lock.lock();
        try {
            return !deleted && messageIdAt(seq).equals(messageId) ? read(seq) : null;
        } finally {
            lock.unlock();
        }
    }

    /** The current version of message {@code seq}, or null once the room is deleted. */
    ChatMessage find(int seq) {
        lock.lock();
        try {
            return deleted ? null : read(seq);
        } finally {
            lock.unlock();
        }
    }

    String messageId(int seq) {
        lock.lock();
        try {
            return messageIdAt(seq);
        } finally {
            lock.unlock();
        }
    }

    /** Writes a new version of message {@code seq} with the voice key; the old bytes stay unused in their chunk. */
    void recordVoiceKey(int seq, String messageId, Voice voice, String key) {
        lock.lock();
        try {
            if (deleted || !messageIdAt(seq).equals(messageId)) return;
            addressBySeq[seq] = write(MessageRecord.encode(read(seq).withVoiceKey(voice, key)));
        } finally {
            lock.unlock();
        }
    }

    Page<ChatMessage> page(PageRequest page) {
        ListingPosition after = page.after() == null ? null : ListingPosition.parse(page.after());
        byte[][] pageChunks;
        int[] offsets;
        boolean more;
        lock.lock();
        try {
            if (deleted) return new Page<>(List.of(), null);
            int end = after == null ? count : TimeOrder.firstNotBefore(millisByTime, count, after.createdAtMillis(),
                    after.id(), i -> messageIdAt(seqByTime[i]));
            int n = Math.min(page.limit(), end);
            more = end > n;
            pageChunks = new byte[n][];
            offsets = new int[n];
            for (int i = 0; i < n; i++) {
                long address = addressBySeq[seqByTime[end - 1 - i]];
                pageChunks[i] = chunkOf(address);
                offsets[i] = offsetOf(address);
            }
        } finally {
            lock.unlock();
        }
        // Decoded after letting go, so that saves to the room do not wait for it: written bytes never change.
        List<ChatMessage> items = new ArrayList<>(offsets.length);
        for (int i = 0; i < offsets.length; i++) items.add(MessageRecord.decode(pageChunks[i], offsets[i], roomId));
        String next = more ? InMemoryMessageRepository.positionOf(items.getLast()).text() : null;
        return new Page<>(items, next);
    }

    /** Marks the log deleted and says what other indexes hold of it. */
    Removal delete() {
        long[] addresses;
        byte[][] chunksNow;
        Set<String> sendersNow;
        lock.lock();
        try {
            deleted = true;
            addresses = Arrays.copyOf(addressBySeq, count);
            chunksNow = chunks;
            sendersNow = Set.copyOf(senders);
        } finally {
            lock.unlock();
        }
        // A deleted log takes no more messages, so what was copied is all there is.
        int[] hashes = new int[addresses.length];
        for (int seq = 0; seq < addresses.length; seq++) {
            long address = addresses[seq];
            hashes[seq] = MessageRecord.messageId(chunksNow[(int) (address >>> 32)], offsetOf(address)).hashCode();
        }
        return new Removal(hashes, sendersNow);
    }

    // ---- under the lock ----------------------------------------------------------------------------------------

    private int seqOfClientKey(String userId, String clientMessageId) {
        if (byClientKey == null) return -1;
        for (long candidate : byClientKey.refsOf(clientKeys.of(userId, clientMessageId))) {
            int seq = (int) candidate;
            long address = addressBySeq[seq];
            if (MessageRecord.hasClientKey(chunkOf(address), offsetOf(address), userId, clientMessageId)) return seq;
        }
        return -1;
    }

    private ChatMessage read(int seq) {
        long address = addressBySeq[seq];
        return MessageRecord.decode(chunkOf(address), offsetOf(address), roomId);
    }

    private String messageIdAt(int seq) {
        long address = addressBySeq[seq];
        return MessageRecord.messageId(chunkOf(address), offsetOf(address));
    }

    private byte[] chunkOf(long address) {
        return chunks[(int) (address >>> 32)];
    }

    private static int offsetOf(long address) {
        return (int) address;
    }

    private long write(byte[] record) {
        if (chunkCount == 0 || used + record.length > chunks[chunkCount - 1].length) {
            int size = chunkCount == 0 ? FIRST_CHUNK_BYTES : Math.min(LARGEST_CHUNK_BYTES, 2 * chunks[chunkCount - 1].length);
            if (chunkCount == chunks.length) chunks = Arrays.copyOf(chunks, 2 * chunkCount);
            chunks[chunkCount++] = new byte[Math.max(size, record.length)];
            used = 0;
        }
        System.arraycopy(record, 0, chunks[chunkCount - 1], used, record.length);
        long address = ((long) (chunkCount - 1) << 32) | used;
        used += record.length;
        return address;
    }
}
