package com.englishstudy.chat.domain.connection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Open connections. Reads treat a connection whose {@code expiresAt} has passed as gone, whether or not
 * storage has removed it yet.
 */
public interface ConnectionRepository {
    void save(Connection connection);

    Optional<Connection> find(String connectionId, Instant now);

    List<Connection> findByRoom(String roomId, Instant now);

    List<Connection> findByRoomAndUser(String roomId, String userId, Instant now);

    /** Moves the expiry of a live connection; does nothing if it is gone. */
    void refresh(String connectionId, Instant expiresAt);

    void delete(String connectionId);

    void deleteByRoom(String roomId);
}
