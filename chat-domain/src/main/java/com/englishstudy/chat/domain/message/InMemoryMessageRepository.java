package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.voice.Voice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** Messages in memory, indexed by room and by sender, newest first. Thread-safe. */
public final class InMemoryMessageRepository implements MessageRepository {
    private static final Comparator<SortKey> NEWEST_FIRST =
            Comparator.comparingLong(SortKey::createdAtMillis).thenComparing(SortKey::messageId).reversed();

    private final ConcurrentHashMap<String, ChatMessage> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NavigableSet<SortKey>> byRoom = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NavigableSet<SortKey>> byUser = new ConcurrentHashMap<>();
    /** (room, user, clientMessageId) to the message first stored under it. */
    private final ConcurrentHashMap<String, ChatMessage> byIdempotencyKey = new ConcurrentHashMap<>();

    private record SortKey(long createdAtMillis, String messageId) {
        static SortKey of(ChatMessage m) {
            return new SortKey(m.createdAt().toEpochMilli(), m.messageId());
        }

        String position() {
            return createdAtMillis + ":" + messageId;
        }

        static SortKey parse(String position) {
            int colon = position.indexOf(':');
            if (colon < 1) throw new ChatException.InvalidInput("Invalid cursor");
            try {
                return new SortKey(Long.parseLong(position.substring(0, colon)), position.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ChatException.InvalidInput("Invalid cursor");
            }
        }
    }

    @Override
    public SaveOutcome save(ChatMessage message) {
        if (message.clientMessageId() != null) {
            String key = message.roomId() + '\n' + message.userId() + '\n' + message.clientMessageId();
            ChatMessage first = byIdempotencyKey.putIfAbsent(key, message);
            if (first != null) return new SaveOutcome.Duplicate(byId.getOrDefault(first.messageId(), first));
        }
        byId.put(message.messageId(), message);
        SortKey key = SortKey.of(message);
        byRoom.computeIfAbsent(message.roomId(), r -> new ConcurrentSkipListSet<>(NEWEST_FIRST)).add(key);
        byUser.computeIfAbsent(message.userId(), u -> new ConcurrentSkipListSet<>(NEWEST_FIRST)).add(key);
        return new SaveOutcome.Stored(message);
    }

    @Override
    public Optional<ChatMessage> find(String messageId) {
        return Optional.ofNullable(byId.get(messageId));
    }

    @Override
    public Page<ChatMessage> listByRoom(String roomId, PageRequest page) {
        return pageOf(byRoom.get(roomId), page);
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
        NavigableSet<SortKey> keys = byRoom.remove(roomId);
        if (keys == null) return;
        for (SortKey key : keys) {
            ChatMessage removed = byId.remove(key.messageId());
            if (removed == null) continue;
            NavigableSet<SortKey> ofUser = byUser.get(removed.userId());
            if (ofUser != null) ofUser.remove(key);
        }
        String prefix = roomId + '\n';
        byIdempotencyKey.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private Page<ChatMessage> pageOf(NavigableSet<SortKey> keys, PageRequest page) {
        if (keys == null) {
            if (page.after() != null) SortKey.parse(page.after());
            return new Page<>(List.of(), null);
        }
        NavigableSet<SortKey> rest = page.after() == null ? keys : keys.tailSet(SortKey.parse(page.after()), false);
        List<ChatMessage> found = new ArrayList<>(page.limit());
        SortKey last = null;
        for (SortKey key : rest) {
            ChatMessage message = byId.get(key.messageId());
            if (message == null) continue;
            if (found.size() == page.limit()) return new Page<>(found, last.position());
            found.add(message);
            last = key;
        }
        return new Page<>(found, null);
    }
}
