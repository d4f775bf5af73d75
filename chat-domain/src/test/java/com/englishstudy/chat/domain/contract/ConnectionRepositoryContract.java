package com.englishstudy.chat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionRepository} must do. Subclass it and return an empty repository from
 * {@link #newConnectionRepository()}; it is called once before each test.
 */
public abstract class ConnectionRepositoryContract {

    /** An empty repository, new for each test. */
    protected abstract ConnectionRepository newConnectionRepository();

    private static final Duration TTL = Duration.ofMinutes(10);

    protected ConnectionRepository connections;
    private String prefix;
    private int idCounter;
    /** Real time, so a store that expires items by its own TTL does not drop them during the test. */
    private Instant now;
    private String roomA;
    private String roomB;

    @BeforeEach
    void setUpConnectionRepository() {
        connections = newConnectionRepository();
        prefix = UUID.randomUUID().toString().substring(0, 8);
        idCounter = 0;
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        roomA = "room-" + prefix + "-a";
        roomB = "room-" + prefix + "-b";
    }

    private Connection saved(String roomId, String userId) {
        return saved(roomId, userId, now.plus(TTL));
    }

    private Connection saved(String roomId, String userId, Instant expiresAt) {
        Connection c = new Connection("conn-" + prefix + "-" + idCounter++ + "=", roomId, userId, now, expiresAt);
        connections.save(c);
        return c;
    }

    // ---- save and find --------------------------------------------------------------------------------------

    @Test
    void findReturnsEveryFieldOfASavedConnection() {
        Connection c = saved(roomA, "alice");

        assertThat(connections.find(c.connectionId(), now)).contains(c);
    }

    @Test
    void findOfAnUnknownConnectionIsEmpty() {
        saved(roomA, "alice");

        assertThat(connections.find("conn-" + prefix + "-missing", now)).isEmpty();
    }

    @Test
    void aConnectionIsGoneFromTheMomentItExpires() {
        Instant expiresAt = now.plus(TTL);
        Connection c = saved(roomA, "alice", expiresAt);

        assertThat(connections.find(c.connectionId(), expiresAt.minusMillis(1))).contains(c);
        assertThat(connections.find(c.connectionId(), expiresAt)).isEmpty();
        assertThat(connections.find(c.connectionId(), expiresAt.plusSeconds(1))).isEmpty();
        assertThat(connections.findByRoom(roomA, expiresAt.minusMillis(1))).containsExactly(c);
        assertThat(connections.findByRoom(roomA, expiresAt)).isEmpty();
        assertThat(connections.findByRoomAndUser(roomA, "alice", expiresAt.minusMillis(1))).containsExactly(c);
        assertThat(connections.findByRoomAndUser(roomA, "alice", expiresAt)).isEmpty();
    }

    // ---- findByRoom and findByRoomAndUser -------------------------------------------------------------------

    @Test
    void findByRoomReturnsTheLiveConnectionsOfThatRoomOnly() {
        Connection alice = saved(roomA, "alice");
        Connection aliceSecondTab = saved(roomA, "alice");
        Connection bob = saved(roomA, "bob");
        saved(roomA, "carol", now.plusSeconds(1));
        saved(roomB, "alice");

        assertThat(connections.findByRoom(roomA, now.plusSeconds(1)))
                .containsExactlyInAnyOrder(alice, aliceSecondTab, bob);
        assertThat(connections.findByRoom("room-" + prefix + "-none", now)).isEmpty();
    }

    @Test
    void findByRoomAndUserReturnsEveryTabOfThatUserInThatRoom() {
        Connection alice = saved(roomA, "alice");
        Connection aliceSecondTab = saved(roomA, "alice");
        saved(roomA, "bob");
        saved(roomB, "alice");

        assertThat(connections.findByRoomAndUser(roomA, "alice", now)).containsExactlyInAnyOrder(alice, aliceSecondTab);
        assertThat(connections.findByRoomAndUser(roomA, "carol", now)).isEmpty();
    }

    // ---- refresh --------------------------------------------------------------------------------------------

    @Test
    void refreshMovesTheExpiry() {
        Instant firstExpiry = now.plus(TTL);
        Connection c = saved(roomA, "alice", firstExpiry);
        Instant renewed = firstExpiry.plus(TTL);

        connections.refresh(c.connectionId(), renewed);

        assertThat(connections.find(c.connectionId(), firstExpiry)).contains(c.withExpiresAt(renewed));
        assertThat(connections.findByRoom(roomA, firstExpiry)).containsExactly(c.withExpiresAt(renewed));
        assertThat(connections.find(c.connectionId(), renewed)).isEmpty();
    }

    @Test
    void refreshOfADeletedConnectionDoesNotBringItBack() {
        Connection c = saved(roomA, "alice");
        connections.delete(c.connectionId());

        connections.refresh(c.connectionId(), now.plus(TTL).plus(TTL));

        assertThat(connections.find(c.connectionId(), now)).isEmpty();
        assertThat(connections.findByRoom(roomA, now)).isEmpty();
    }

    @Test
    void refreshOfAnUnknownConnectionCreatesNothing() {
        connections.refresh("conn-" + prefix + "-missing", now.plus(TTL));

        assertThat(connections.find("conn-" + prefix + "-missing", now)).isEmpty();
    }

    // ---- delete and deleteByRoom ----------------------------------------------------------------------------

    @Test
    void deleteRemovesOnlyThatConnection() {
        Connection gone = saved(roomA, "alice");
        Connection otherTab = saved(roomA, "alice");

        connections.delete(gone.connectionId());

        assertThat(connections.find(gone.connectionId(), now)).isEmpty();
        assertThat(connections.findByRoom(roomA, now)).containsExactly(otherTab);
        assertThat(connections.findByRoomAndUser(roomA, "alice", now)).containsExactly(otherTab);
    }

    @Test
    void deleteOfAnUnknownConnectionDoesNothing() {
        Connection c = saved(roomA, "alice");

        connections.delete("conn-" + prefix + "-missing");
        connections.delete(c.connectionId());
        connections.delete(c.connectionId());

        assertThat(connections.findByRoom(roomA, now)).isEmpty();
    }

    @Test
    void aRoomWhoseConnectionsAllClosedTakesNewOnes() {
        Connection c = saved(roomA, "alice");
        connections.delete(c.connectionId());

        Connection again = saved(roomA, "alice");

        assertThat(connections.findByRoom(roomA, now)).containsExactly(again);
    }

    @Test
    void deleteByRoomRemovesEveryConnectionOfThatRoomOnly() {
        Connection a1 = saved(roomA, "alice");
        Connection a2 = saved(roomA, "bob");
        Connection b = saved(roomB, "alice");

        connections.deleteByRoom(roomA);

        assertThat(connections.find(a1.connectionId(), now)).isEmpty();
        assertThat(connections.find(a2.connectionId(), now)).isEmpty();
        assertThat(connections.findByRoom(roomA, now)).isEmpty();
        assertThat(connections.findByRoom(roomB, now)).containsExactly(b);
        connections.deleteByRoom("room-" + prefix + "-none");
        assertThat(connections.find(b.connectionId(), now)).contains(b);
    }

    // ---- concurrency ----------------------------------------------------------------------------------------

    @Test
    void aConnectionOpenedWhileTheRoomsLastOneClosesIsNotLost() {
        // In each of 20 rooms the only connection closes while a new one opens: the new one must stay findable.
        List<String> rooms = new ArrayList<>();
        List<Connection> closing = new ArrayList<>();
        List<Connection> opening = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            String roomId = "room-" + prefix + "-" + k;
            rooms.add(roomId);
            closing.add(saved(roomId, "alice"));
            opening.add(new Connection("conn-" + prefix + "-new-" + k, roomId, "alice", now, now.plus(TTL)));
        }

        Concurrently.run(40, i -> {
            if (i % 2 == 0) connections.save(opening.get(i / 2));
            else connections.delete(closing.get(i / 2).connectionId());
            return null;
        });

        for (int k = 0; k < 20; k++) {
            assertThat(connections.findByRoom(rooms.get(k), now)).as("room %d", k).containsExactly(opening.get(k));
        }
    }
}
