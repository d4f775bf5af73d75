package com.englishstudy.chat.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.contract.Concurrently;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import com.englishstudy.chat.domain.room.DeleteRoomCommand;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.token.RoomToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionLifecycleTest {
    private final ChatFixture chat = new ChatFixture();
    private final ConnectionLifecycle lifecycle = chat.core.connections();

    private boolean isLive(Connection c) {
        return chat.storage.connections().find(c.connectionId(), chat.clock.instant()).isPresent();
    }

    // ---- connect with a room token -------------------------------------------------------------------------

    @Test
    void aTokenOpensAConnectionBoundToItsRoomAndUserForTenMinutes() {
        Room room = chat.publicRoom("alice");
        RoomToken token = chat.join(room.roomId(), "bob").token();

        Connection c = lifecycle.connect("conn-x", token.token());

        assertThat(c).isEqualTo(new Connection("conn-x", room.roomId(), "bob", ChatFixture.START_MILLIS,
                ChatFixture.START_MILLIS.plusSeconds(600)));
        assertThat(chat.storage.connections().findByRoomAndUser(room.roomId(), "bob", chat.clock.instant()))
                .containsExactly(c);
    }

    @Test
    void aTokenOpensOnlyOneConnection() {
        Room room = chat.publicRoom("alice");
        RoomToken token = chat.join(room.roomId(), "alice").token();
        lifecycle.connect("conn-1", token.token());

        assertThatThrownBy(() -> lifecycle.connect("conn-2", token.token())).isInstanceOf(ChatException.Unauthorized.class);
        assertThat(chat.storage.connections().find("conn-2", chat.clock.instant())).isEmpty();
    }

    @Test
    void concurrentConnectsWithOneTokenOpenOneConnection() {
        Room room = chat.publicRoom("alice");
        RoomToken token = chat.join(room.roomId(), "alice").token();

        List<Object> outcomes = Concurrently.run(10, i -> {
            try {
                return lifecycle.connect("conn-" + i, token.token());
            } catch (ChatException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(Connection.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ChatException.Unauthorized.class::isInstance).hasSize(9);
        assertThat(chat.storage.connections().findByRoom(room.roomId(), chat.clock.instant())).hasSize(1);
    }

    @Test
    void aTokenExpiresAfterFiveMinutesByTheClockEvenWhileStillStored() {
        Room room = chat.publicRoom("alice");
        RoomToken late = chat.join(room.roomId(), "alice").token();
        RoomToken inTime = chat.join(room.roomId(), "alice").token();

        chat.clock.set(inTime.expiresAt().minusMillis(1));
        assertThat(lifecycle.connect("conn-in-time", inTime.token()).userId()).isEqualTo("alice");

        chat.clock.set(late.expiresAt());
        assertThatThrownBy(() -> lifecycle.connect("conn-late", late.token())).isInstanceOf(ChatException.Unauthorized.class);
        assertThat(chat.storage.connections().find("conn-late", chat.clock.instant())).isEmpty();
    }

    @Test
    void anExpiredTokenStaysUnusableWhenTheClockIsWrongLater() {
        Room room = chat.publicRoom("alice");
        RoomToken token = chat.join(room.roomId(), "alice").token();
        chat.clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> lifecycle.connect("c1", token.token())).isInstanceOf(ChatException.Unauthorized.class);

        chat.clock.set(ChatFixture.START);

        assertThatThrownBy(() -> lifecycle.connect("c2", token.token()))
                .as("a refused token is spent too").isInstanceOf(ChatException.Unauthorized.class);
    }

    @Test
    void aMissingOrUnknownTokenIsRefused() {
        chat.publicRoom("alice");

        assertThatThrownBy(() -> lifecycle.connect("c", null)).isInstanceOf(ChatException.Unauthorized.class);
        assertThatThrownBy(() -> lifecycle.connect("c", "")).isInstanceOf(ChatException.Unauthorized.class);
        assertThatThrownBy(() -> lifecycle.connect("c", "  ")).isInstanceOf(ChatException.Unauthorized.class);
        assertThatThrownBy(() -> lifecycle.connect("c", "token-999")).isInstanceOf(ChatException.Unauthorized.class);
    }

    @Test
    void aTokenOfADeletedRoomIsRefused() {
        Room room = chat.publicRoom("alice");
        RoomToken token = chat.join(room.roomId(), "bob").token();
        chat.core.deleteRoom().deleteRoom(new DeleteRoomCommand(room.roomId(), "alice"));

        assertThatThrownBy(() -> lifecycle.connect("c", token.token())).isInstanceOf(ChatException.Unauthorized.class);
    }

    @Test
    void aTokenWhoseRoomVanishedWhileItWasStoredIsRefused() {
        // As if the room's purge had not reached the token yet: the room check must hold on its own.
        Room room = chat.publicRoom("alice");
        RoomToken token = chat.join(room.roomId(), "alice").token();
        chat.storage.rooms().delete(room.roomId());

        assertThatThrownBy(() -> lifecycle.connect("c", token.token())).isInstanceOf(ChatException.Unauthorized.class);
        assertThat(chat.storage.connections().findByRoom(room.roomId(), chat.clock.instant())).isEmpty();
    }

    // ---- ping ----------------------------------------------------------------------------------------------

    @Test
    void aPingGivesTheConnectionAnotherFullTenMinutes() {
        Room room = chat.publicRoom("alice");
        Connection c = chat.connect(room.roomId(), "alice");
        chat.clock.advance(Duration.ofMinutes(8));

        Connection pinged = lifecycle.ping(c.connectionId());

        assertThat(pinged.expiresAt()).isEqualTo(ChatFixture.START_MILLIS.plus(Duration.ofMinutes(18)));
        chat.clock.advance(Duration.ofMinutes(9));
        assertThat(isLive(c)).as("alive 17 minutes after connecting, 9 after the ping").isTrue();
        chat.clock.advance(Duration.ofMinutes(1));
        assertThat(isLive(c)).isFalse();
    }

    @Test
    void withoutActivityAConnectionIsGoneAfterTenMinutes() {
        Room room = chat.publicRoom("alice");
        Connection c = chat.connect(room.roomId(), "alice");

        chat.clock.advance(Duration.ofMinutes(10));

        assertThat(isLive(c)).isFalse();
        assertThatThrownBy(() -> lifecycle.ping(c.connectionId())).isInstanceOf(ChatException.Unauthorized.class);
        assertThat(isLive(c)).as("a refused ping does not revive it").isFalse();
    }

    @Test
    void aPingOfAnUnknownConnectionIsRefused() {
        assertThatThrownBy(() -> lifecycle.ping("conn-404")).isInstanceOf(ChatException.Unauthorized.class);
    }

    // ---- disconnect ----------------------------------------------------------------------------------------

    @Test
    void disconnectingForgetsTheConnectionButKeepsTheMembership() {
        Room room = chat.publicRoom("alice");
        Connection bob = chat.connect(room.roomId(), "bob");
        Connection alice = chat.connect(room.roomId(), "alice");
        chat.broadcaster.clear();

        lifecycle.disconnect(bob.connectionId());

        assertThat(isLive(bob)).isFalse();
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice", "bob");
        assertThat(chat.broadcaster.log()).as("no presence change on a mere disconnect").isEmpty();
        chat.send(alice, "Where did bob go?");
        assertThat(chat.broadcaster.eventsTo(bob.connectionId())).isEmpty();
        assertThatThrownBy(() -> chat.send(bob, "I'm back")).isInstanceOf(ChatException.Unauthorized.class);
        // Reconnecting is a rejoin: no password, no new place, a fresh token.
        assertThat(chat.join(room.roomId(), "bob").newMember()).isFalse();
    }

    @Test
    void disconnectingOneTabLeavesTheOthersOpen() {
        Room room = chat.publicRoom("alice");
        Connection tab1 = chat.connect(room.roomId(), "alice");
        Connection tab2 = chat.connect(room.roomId(), "alice");

        lifecycle.disconnect(tab1.connectionId());

        assertThat(chat.storage.connections().findByRoom(room.roomId(), chat.clock.instant())).containsExactly(tab2);
    }
}
