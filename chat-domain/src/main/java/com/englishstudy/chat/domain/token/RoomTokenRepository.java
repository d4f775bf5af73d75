package com.englishstudy.chat.domain.token;

import java.util.Optional;

public interface RoomTokenRepository {
    void save(RoomToken token);

    /**
     * Removes the token and returns it, atomically: of any number of concurrent calls for one token, one
     * gets it. Returns a token even if it has expired (storage TTL deletes late); the caller checks the clock.
     */
    Optional<RoomToken> consume(String token);

    /** Removes every token issued for the room. */
    void deleteByRoom(String roomId);
}
