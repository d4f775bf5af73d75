package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.ListingPosition;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.voice.Voice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Messages in memory, indexed by id, by room and by sender, newest first. Thread-safe.
 *
 * <p>Every message stays for the life of the process, and the local server stores thousands a second, so a
 * stored message must cost the garbage collector next to nothing: a young collection copies every object that
 * is still alive, and a message kept as a record with its strings and map entries was about eleven of them,
 * copied again at each collection until it was old (young pauses grew to 25-80 ms at 9,000 messages a second).
 * Here a message is bytes in its room's {@link RoomLog} and numbers in three indexes ({@link MessageSlots} by id,
 * the room's time order and keys, a {@link SenderTimeline}); a {@link ChatMessage} is made when one is read.
 * The indexes name a room's log by its number, not by a reference, so that filling them marks no cards the
 * collector must scan at each young pause.
 *
 * <p>Locks: an id stripe is never held while waiting for another lock; a room's log waits only for a stripe
 * (its messages are indexed by id before it lets go); a sender's timeline may wait for a room's log. A message
 * may therefore be listed by room a moment before it is listed by sender, never before it can be found by id.
 */
public final class InMemoryMessageRepository implements MessageRepository {
    /** Enough that a stripe's table stays small to grow (its lock is held while it doubles). */
    private static final int ID_STRIPES = 256;

    private final ConcurrentHashMap<String, RoomLog> rooms = new ConcurrentHashMap<>();
    /** The same logs by number, until their room's messages are deleted. */
    private final ConcurrentHashMap<Integer, RoomLog> logsByNumber = new ConcurrentHashMap<>();
    private final AtomicInteger lastNumber = new AtomicInteger();
    private final ConcurrentHashMap<String, SenderTimeline> senders = new ConcurrentHashMap<>();
    /** messageId hash to ref, in stripes by hash, so saves in different rooms seldom wait for each other. */
    private final IdStripe[] ids = new IdStripe[ID_STRIPES];
    private final ClientKeyHash clientKeys = ClientKeyHash.random();

    private static final class IdStripe {
        final ReentrantLock lock = new ReentrantLock();
        final MessageSlots slots = new MessageSlots();
    }

    public InMemoryMessageRepository() {
        for (int i = 0; i < ID_STRIPES; i++) ids[i] = new IdStripe();
    }

    @Override
    public SaveOutcome save(ChatMessage message) {
        int idHash = message.messageId().hashCode();
        while (true) {
            RoomLog room = rooms.computeIfAbsent(message.roomId(), this::newLog);
            // The id is indexed under the room's lock (a stripe never waits for another lock), so a message
            // that a listing shows can always be found by id.
            switch (room.append(message, seq -> addId(idHash, room.ref(seq)))) {
                case RoomLog.Append.Duplicate duplicate -> {
                    return new SaveOutcome.Duplicate(duplicate.original());
                }
                case RoomLog.Append.Deleted deleted -> rooms.remove(message.roomId(), room);
                case RoomLog.Append.Stored stored -> {
                    senders.computeIfAbsent(message.userId(), u -> new SenderTimeline(logsByNumber::get))
                            .add(room, stored.seq(), message.createdAt().toEpochMilli(), message.messageId());
                    return new SaveOutcome.Stored(message);
                }
            }
            // The room's messages were deleted between finding its log and appending: store into its next log.
        }
    }

    private RoomLog newLog(String roomId) {
        // Numbers wrap after 2^32 logs; one still in use (a room that lived that long) is skipped, not shared.
        while (true) {
            RoomLog log = new RoomLog(roomId, lastNumber.incrementAndGet(), clientKeys);
            if (logsByNumber.putIfAbsent(log.number, log) == null) return log;
        }
    }

    private void addId(int hash, long ref) {
        IdStripe stripe = stripeOf(hash);
        stripe.lock.lock();
        try {
            stripe.slots.add(hash, ref);
        } finally {
            stripe.lock.unlock();
        }
    }

    @Override
    public Optional<ChatMessage> find(String messageId) {
        for (long ref : candidates(messageId)) {
            RoomLog room = logsByNumber.get(RoomLog.numberOf(ref));
            ChatMessage message = room == null ? null : room.find(RoomLog.seqOf(ref), messageId);
            if (message != null) return Optional.of(message);
        }
        return Optional.empty();
    }

    /** What the id index holds under the id's hash; checked against the rooms after the stripe's lock is let go. */
    private long[] candidates(String messageId) {
        int hash = messageId.hashCode();
        IdStripe stripe = stripeOf(hash);
        stripe.lock.lock();
        try {
            return stripe.slots.refsOf(hash);
        } finally {
            stripe.lock.unlock();
        }
    }

    @Override
    public Page<ChatMessage> listByRoom(String roomId, PageRequest page) {
        RoomLog room = rooms.get(roomId);
        if (room == null) {
            if (page.after() != null) ListingPosition.parse(page.after());
            return new Page<>(List.of(), null);
        }
        return room.page(page);
    }

    @Override
    public Page<ChatMessage> listByUser(String userId, PageRequest page) {
        ListingPosition after = page.after() == null ? null : ListingPosition.parse(page.after());
        SenderTimeline timeline = senders.get(userId);
        if (timeline == null) return new Page<>(List.of(), null);
        // One more than the page, to know whether another page follows. Entries of a room being deleted at this
        // moment are skipped; if that leaves the page short, more entries are asked for.
        for (int want = page.limit() + 1; ; want *= 2) {
            long[] refs = timeline.newestBefore(after, want);
            List<ChatMessage> found = new ArrayList<>(page.limit());
            for (long ref : refs) {
                RoomLog room = logsByNumber.get(RoomLog.numberOf(ref));
                ChatMessage message = room == null ? null : room.find(RoomLog.seqOf(ref));
                if (message == null) continue;
                if (found.size() == page.limit()) return new Page<>(found, positionOf(found.getLast()).text());
                found.add(message);
            }
            if (refs.length < want) return new Page<>(found, null);
        }
    }

    @Override
    public void recordVoiceKey(String messageId, Voice voice, String key) {
        for (long ref : candidates(messageId)) {
            RoomLog room = logsByNumber.get(RoomLog.numberOf(ref));
            if (room != null) room.recordVoiceKey(RoomLog.seqOf(ref), messageId, voice, key);
        }
    }

    @Override
    public void deleteByRoom(String roomId) {
        RoomLog room = rooms.remove(roomId);
        if (room == null) return;
        RoomLog.Removal removal = room.delete();
        int[] hashes = removal.messageIdHashes();
        for (int seq = 0; seq < hashes.length; seq++) {
            IdStripe stripe = stripeOf(hashes[seq]);
            stripe.lock.lock();
            try {
                stripe.slots.remove(hashes[seq], room.ref(seq));
            } finally {
                stripe.lock.unlock();
            }
        }
        for (String sender : removal.senders()) {
            SenderTimeline timeline = senders.get(sender);
            if (timeline != null) timeline.removeRoom(room.number);
        }
        // Last: until here a sender's timeline may still compare against this log's message ids.
        logsByNumber.remove(room.number, room);
    }

    private IdStripe stripeOf(int hash) {
        return ids[hash & (ID_STRIPES - 1)];
    }

    static ListingPosition positionOf(ChatMessage m) {
        return new ListingPosition(m.createdAt().toEpochMilli(), m.messageId());
    }
}
