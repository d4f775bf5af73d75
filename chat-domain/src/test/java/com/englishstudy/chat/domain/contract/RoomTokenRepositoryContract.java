package com.englishstudy.chat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.token.RoomToken;
import com.englishstudy.chat.domain.token.RoomTokenRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomTokenRepository} must do. Subclass it and return an empty repository from
 * {@link #newRoomTokenRepository()}; it is called once before each test.
 */
public abstract class RoomTokenRepositoryContract {

    /** An empty repository, new for each test. */
    protected abstract RoomTokenRepository newRoomTokenRepository();

    private static final Duration TTL = Duration.ofMinutes(5);

    protected RoomTokenRepository tokens;
    private Instant now;
    private String roomA;
    private String roomB;

    @BeforeEach
    void setUpRoomTokenRepository() {
        tokens = newRoomTokenRepository();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        roomA = "room-" + prefix + "-a";
        roomB = "room-" + prefix + "-b";
    }

    private RoomToken saved(String roomId, String userId) {
        return saved(roomId, userId, now, now.plus(TTL));
    }

    private RoomToken saved(String roomId, String userId, Instant createdAt, Instant expiresAt) {
        RoomToken token = new RoomToken(UUID.randomUUID().toString(), roomId, userId, createdAt, expiresAt);
        tokens.save(token);
        return token;
    }

    @Test
    void consumeReturnsEveryFieldOfTheTokenOnceAndThenNothing() {
        RoomToken token = saved(roomA, "alice");

        assertThat(tokens.consume(token.token())).contains(token);
        assertThat(tokens.consume(token.token())).isEmpty();
    }

    @Test
    void consumeOfAnUnknownTokenIsEmpty() {
        saved(roomA, "alice");

        assertThat(tokens.consume(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void consumeReturnsAnExpiredTokenStillStoredSoTheCallerCanRefuseIt() {
        Instant createdAt = now.minus(TTL).minusSeconds(1);
        RoomToken expired = saved(roomA, "alice", createdAt, createdAt.plus(TTL));

        assertThat(tokens.consume(expired.token())).contains(expired);
        assertThat(tokens.consume(expired.token())).isEmpty();
    }

    @Test
    void consumingOneTokenLeavesTheOthersOfTheSameUserAndRoom() {
        RoomToken first = saved(roomA, "alice");
        RoomToken second = saved(roomA, "alice");

        assertThat(tokens.consume(first.token())).contains(first);
        assertThat(tokens.consume(second.token())).contains(second);
    }

    @Test
    void deleteByRoomRemovesEveryTokenOfThatRoomOnly() {
        RoomToken a1 = saved(roomA, "alice");
        RoomToken a2 = saved(roomA, "bob");
        RoomToken b = saved(roomB, "alice");

        tokens.deleteByRoom(roomA);

        assertThat(tokens.consume(a1.token())).isEmpty();
        assertThat(tokens.consume(a2.token())).isEmpty();
        assertThat(tokens.consume(b.token())).contains(b);
    }

    @Test
    void deleteByRoomOfARoomWithoutTokensDoesNothing() {
        RoomToken b = saved(roomB, "alice");

        tokens.deleteByRoom(roomA);

        assertThat(tokens.consume(b.token())).contains(b);
    }

    @Test
    void concurrentConsumesOfOneTokenGiveItToExactlyOne() {
        RoomToken token = saved(roomA, "alice");

        List<Optional<RoomToken>> outcomes = Concurrently.run(10, i -> tokens.consume(token.token()));

        assertThat(outcomes).filteredOn(Optional::isPresent).containsExactly(Optional.of(token));
        assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(9);
    }
}
