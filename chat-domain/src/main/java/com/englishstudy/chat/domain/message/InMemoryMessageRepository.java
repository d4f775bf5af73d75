package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.ListingPosition;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.voice.Voice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Messages in memory, indexed by room and by sender, newest first. Thread-safe.
 *
 * <p>Every message stays for the life of the process, so what it costs beyond itself is kept small: the room
 * and sender indexes are sorted arrays (appending is the common case: a room's messages are stored in time
 * order), and the idempotency index is keyed by the message's own {@code clientMessageId}. Per message that is
 * two map entries and no other object, which keeps young collections short at thousands of messages a second
 * (each object that lives is copied by the collector).
 */
public final class InMemoryMessageRepository implements MessageRepository {
    /** The current version of each message (voice keys are recorded by replacing it). */
    private final ConcurrentHashMap<String, ChatMessage> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RoomMessages> byRoom = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timeline> byUser = new ConcurrentHashMap<>();

    private static final class RoomMessages {
        final Timeline timeline = new Timeline();
        /** userId to clientMessageId to the message first stored under it. */
        final ConcurrentHashMap<String, ConcurrentHashMap<String, ChatMessage>> byClientMessageId =
                new ConcurrentHashMap<>();
    }

    @Override
    public SaveOutcome save(ChatMessage message) {
        RoomMessages room = byRoom.computeIfAbsent(message.roomId(), r -> new RoomMessages());
        if (message.clientMessageId() != null) {
            ChatMessage first = room.byClientMessageId
                    .computeIfAbsent(message.userId(), u -> new ConcurrentHashMap<>())
                    .putIfAbsent(message.clientMessageId(), message);
            if (first != null) return new SaveOutcome.Duplicate(byId.getOrDefault(first.messageId(), first));
        }
        byId.put(message.messageId(), message);
        room.timeline.add(message);
        byUser.computeIfAbsent(message.userId(), u -> new Timeline()).add(message);
        return new SaveOutcome.Stored(message);
    }

    @Override
    public Optional<ChatMessage> find(String messageId) {
        return Optional.ofNullable(byId.get(messageId));
    }

    @Override
    public Page<ChatMessage> listByRoom(String roomId, PageRequest page) {
        RoomMessages room = byRoom.get(roomId);
        return pageOf(room == null ? null : room.timeline, page);
    }

    @Override
    public Page<ChatMessage> listByUser(String userId, PageRequest page) {
        return pageOf(byUser.get(userId), page);
    }

    @Override
    public void recordVoiceKey(String messageId, Voice voice, String key) {
        byId.computeIfPresent(messageId, (id, m) -> m.withVoiceKey(voice, key));
    }

    @Override
    public void deleteByRoom(String roomId) {
        RoomMessages room = byRoom.remove(roomId);
        if (room == null) return;
        Set<String> senders = new HashSet<>();
        for (ChatMessage message : room.timeline.snapshot()) {
            byId.remove(message.messageId());
            senders.add(message.userId());
        }
        for (String sender : senders) {
            Timeline ofSender = byUser.get(sender);
            if (ofSender != null) ofSender.removeRoom(roomId);
        }
    }

    private Page<ChatMessage> pageOf(Timeline timeline, PageRequest page) {
        ListingPosition after = page.after() == null ? null : ListingPosition.parse(page.after());
        if (timeline == null) return new Page<>(List.of(), null);
        List<ChatMessage> found = new ArrayList<>(page.limit());
        ChatMessage last = null;
        // One more than the page, to know whether another page follows. A message whose room is being deleted
        // at this moment is skipped, so such a page may come out short; its room is gone a moment later.
        for (ChatMessage candidate : timeline.newestBefore(after, page.limit() + 1)) {
            ChatMessage message = byId.get(candidate.messageId());
            if (message == null) continue;
            if (found.size() == page.limit()) return new Page<>(found, positionOf(last).text());
            found.add(message);
            last = message;
        }
        return new Page<>(found, null);
    }

    private static ListingPosition positionOf(ChatMessage m) {
        return new ListingPosition(m.createdAt().toEpochMilli(), m.messageId());
    }

    /** Sorts like {@link MessageRepository}: by (createdAt, messageId); negative when {@code p} comes first. */
    private static int compare(ListingPosition p, ChatMessage m) {
        int byTime = Long.compare(p.createdAtMillis(), m.createdAt().toEpochMilli());
        return byTime != 0 ? byTime : p.id().compareTo(m.messageId());
    }

    /**
     * Messages sorted oldest first in one growing array. Appends are the common case; a message older than the
     * newest (clocks of two rooms' senders, or a clock stepping back) is inserted in place.
     * A lock rather than synchronized, so virtual threads do not pin their carriers.
     */
    private static final class Timeline {
        private final ReentrantLock lock = new ReentrantLock();
        private ChatMessage[] items = new ChatMessage[8];
        private int size;

        void add(ChatMessage message) {
            lock.lock();
            try {
                if (size == items.length) items = Arrays.copyOf(items, size + (size >> 1));
                int at = size;
                if (size > 0 && isBefore(message, items[size - 1])) at = firstNotBefore(positionOf(message));
                System.arraycopy(items, at, items, at + 1, size - at);
                items[at] = message;
                size++;
            } finally {
                lock.unlock();
            }
        }

        /** Up to {@code count} messages older than {@code before} (or the newest, when null), newest first. */
        List<ChatMessage> newestBefore(ListingPosition before, int count) {
            lock.lock();
            try {
                int end = before == null ? size : firstNotBefore(before);
                List<ChatMessage> out = new ArrayList<>(Math.min(count, end));
                for (int i = end - 1; i >= 0 && out.size() < count; i--) out.add(items[i]);
                return out;
            } finally {
                lock.unlock();
            }
        }

        List<ChatMessage> snapshot() {
            lock.lock();
            try {
                return List.of(Arrays.copyOf(items, size));
            } finally {
                lock.unlock();
            }
        }

        void removeRoom(String roomId) {
            lock.lock();
            try {
                int kept = 0;
                for (int i = 0; i < size; i++) {
                    if (!items[i].roomId().equals(roomId)) items[kept++] = items[i];
                }
                Arrays.fill(items, kept, size, null);
                size = kept;
            } finally {
                lock.unlock();
            }
        }

        private static boolean isBefore(ChatMessage a, ChatMessage b) {
            int byTime = Long.compare(a.createdAt().toEpochMilli(), b.createdAt().toEpochMilli());
            return byTime != 0 ? byTime < 0 : a.messageId().compareTo(b.messageId()) < 0;
        }

        /** The index of the first message not older than {@code key}: binary search, under the lock. */
        private int firstNotBefore(ListingPosition key) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (compare(key, items[mid]) > 0) low = mid + 1;
                else high = mid;
            }
            return low;
        }
    }
}
