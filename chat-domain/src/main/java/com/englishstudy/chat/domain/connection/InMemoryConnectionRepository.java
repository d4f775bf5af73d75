package com.englishstudy.chat.domain.connection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Connections in memory, indexed by room. Thread-safe. */
public final class InMemoryConnectionRepository implements ConnectionRepository {
    private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> byRoom = new ConcurrentHashMap<>();

    @Override
    public void save(Connection connection) {
        byId.put(connection.connectionId(), connection);
        // compute, not computeIfAbsent + add: a delete that empties and drops the room's set in between
        // would otherwise swallow this connection.
        byRoom.compute(connection.roomId(), (room, ids) -> {
            Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            set.add(connection.connectionId());
            return set;
        });
    }

    @Override
    public Optional<Connection> find(String connectionId, Instant now) {
        Connection c = byId.get(connectionId);
        return c == null || c.isExpiredAt(now) ? Optional.empty() : Optional.of(c);
    }

    @Override
    public List<Connection> findByRoom(String roomId, Instant now) {
        Set<String> ids = byRoom.get(roomId);
        if (ids == null) return List.of();
        List<Connection> live = new ArrayList<>(ids.size());
        for (String id : ids) {
            Connection c = byId.get(id);
            if (c != null && !c.isExpiredAt(now)) live.add(c);
        }
        return live;
    }

    @Override
    public List<Connection> findByRoomAndUser(String roomId, String userId, Instant now) {
        return findByRoom(roomId, now).stream().filter(c -> c.userId().equals(userId)).toList();
    }

    @Override
    public void refresh(String connectionId, Instant expiresAt) {
        byId.computeIfPresent(connectionId, (id, c) -> c.withExpiresAt(expiresAt));
    }

    @Override
    public void delete(String connectionId) {
        Connection removed = byId.remove(connectionId);
        if (removed == null) return;
        byRoom.computeIfPresent(removed.roomId(), (room, ids) -> {
            ids.remove(connectionId);
            return ids.isEmpty() ? null : ids;
        });
    }

    @Override
    public void deleteByRoom(String roomId) {
        Set<String> ids = byRoom.remove(roomId);
        if (ids != null) ids.forEach(byId::remove);
    }

    public int size() {
        return byId.size();
    }
}
