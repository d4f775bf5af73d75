package com.englishstudy.chat.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.contract.Concurrently;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinRoomUseCaseTest {
    private final ChatFixture chat = new ChatFixture();

    @Test
    void aNewMemberTakesAPlaceAndGetsATokenForFiveMinutes() {
        Room room = chat.publicRoom("alice");

        JoinedRoom joined = chat.join(room.roomId(), "bob");

        assertThat(joined.newMember()).isTrue();
        assertThat(joined.room().memberIds()).containsExactly("alice", "bob");
        assertThat(joined.room().currentMembers()).isEqualTo(2);
        assertThat(joined.token().roomId()).isEqualTo(room.roomId());
        assertThat(joined.token().userId()).isEqualTo("bob");
        assertThat(joined.token().createdAt()).isEqualTo(ChatFixture.START_MILLIS);
        assertThat(joined.token().expiresAt()).isEqualTo(ChatFixture.START_MILLIS.plusSeconds(300));
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice", "bob");
    }

    @Test
    void aMemberWhoJoinsAgainGetsAFreshTokenAndTakesNoPlace() {
        Room room = chat.publicRoom("alice", 2);
        JoinedRoom first = chat.join(room.roomId(), "bob");

        JoinedRoom again = chat.join(room.roomId(), "bob");

        assertThat(again.newMember()).isFalse();
        assertThat(again.token().token()).isNotEqualTo(first.token().token());
        assertThat(again.room().memberIds()).containsExactly("alice", "bob");
        assertThat(chat.room(room.roomId()).currentMembers()).isEqualTo(2);
        assertThat(chat.connectWith(again.token().token()).userId()).isEqualTo("bob");
    }

    @Test
    void theCreatorJoiningTheirOwnRoomIsARejoin() {
        Room room = chat.publicRoom("alice");

        JoinedRoom joined = chat.join(room.roomId(), "alice");

        assertThat(joined.newMember()).isFalse();
        assertThat(joined.room().memberIds()).containsExactly("alice");
    }

    @Test
    void aRejoinOfAFullRoomStillWorks() {
        Room room = chat.publicRoom("alice", 2);
        chat.join(room.roomId(), "bob");

        assertThat(chat.join(room.roomId(), "bob").newMember()).isFalse();
        assertThat(chat.join(room.roomId(), "alice").newMember()).isFalse();
    }

    @Test
    void aNewMemberOfAPrivateRoomNeedsTheRightPassword() {
        Room room = chat.privateRoom("alice", "s3cret-pass");

        assertThatThrownBy(() -> chat.join(room.roomId(), "bob")).isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> chat.join(room.roomId(), "bob", "wrong-pass")).isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> chat.join(room.roomId(), "bob", "S3CRET-PASS")).isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> chat.join(room.roomId(), "bob", "")).isInstanceOf(ChatException.Forbidden.class);
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice");

        JoinedRoom joined = chat.join(room.roomId(), "bob", "s3cret-pass");

        assertThat(joined.newMember()).isTrue();
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice", "bob");
    }

    @Test
    void aMemberOfAPrivateRoomRejoinsWithoutThePassword() {
        Room room = chat.privateRoom("alice", "s3cret-pass");
        chat.join(room.roomId(), "bob", "s3cret-pass");

        assertThat(chat.join(room.roomId(), "bob").newMember()).isFalse();
        assertThat(chat.join(room.roomId(), "bob", "wrong-pass").newMember()).isFalse();
        assertThat(chat.join(room.roomId(), "alice").newMember()).isFalse();
    }

    @Test
    void aPasswordOverSeventyTwoBytesNeverMatches() {
        String password = "p".repeat(72);
        Room room = chat.privateRoom("alice", password);

        // BCrypt reads only 72 bytes, so without a guard any suffix would be let in.
        assertThatThrownBy(() -> chat.join(room.roomId(), "bob", password + "extra"))
                .isInstanceOf(ChatException.Forbidden.class);
        assertThat(chat.join(room.roomId(), "bob", password).newMember()).isTrue();
    }

    @Test
    void aFullRoomRefusesANewMember() {
        Room room = chat.publicRoom("alice", 2);
        chat.join(room.roomId(), "bob");

        assertThatThrownBy(() -> chat.join(room.roomId(), "carol")).isInstanceOf(ChatException.Conflict.class);
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice", "bob");
    }

    @Test
    void anUnknownRoomIsNotFound() {
        assertThatThrownBy(() -> chat.join("room-404", "bob")).isInstanceOf(ChatException.NotFound.class);
    }

    @Test
    void nobodyJoinsAsTheTutorOrWithABadId() {
        Room room = chat.publicRoom("alice");

        assertThatThrownBy(() -> chat.join(room.roomId(), "ai-tutor")).isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> chat.join(room.roomId(), "not valid")).isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> chat.join(room.roomId(), null)).isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> chat.join(" ", "bob")).isInstanceOf(ChatException.InvalidInput.class);
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice");
    }

    @Test
    void concurrentJoinsNeverPushARoomPastItsMaximum() {
        Room room = chat.publicRoom("alice", 6);

        List<Object> outcomes = Concurrently.run(20, i -> {
            try {
                return chat.join(room.roomId(), "user" + i);
            } catch (ChatException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(JoinedRoom.class::isInstance).hasSize(5);
        assertThat(outcomes).filteredOn(ChatException.Conflict.class::isInstance).hasSize(15);
        Room after = chat.room(room.roomId());
        assertThat(after.currentMembers()).isEqualTo(6);
        assertThat(after.memberIds()).doesNotHaveDuplicates().startsWith("alice");
    }

    // ---- presence ------------------------------------------------------------------------------------------

    @Test
    void aNewMemberIsAnnouncedToTheRoomsConnections() {
        Room room = chat.publicRoom("alice");
        Connection alice = chat.connect(room.roomId(), "alice");

        chat.join(room.roomId(), "bob");

        assertThat(chat.broadcaster.eventsTo(alice.connectionId())).containsExactly(
                new RoomEvent.PresenceChanged(room.roomId(), "bob", RoomEvent.Presence.JOINED, 2));
        assertThat(RoomEvent.Presence.JOINED.wire()).isEqualTo("joined");
    }

    @Test
    void aRejoinIsNotAnnounced() {
        Room room = chat.publicRoom("alice");
        chat.connect(room.roomId(), "alice");
        chat.join(room.roomId(), "bob");
        chat.broadcaster.clear();

        chat.join(room.roomId(), "bob");
        chat.join(room.roomId(), "alice");

        assertThat(chat.broadcaster.events()).isEmpty();
    }

    @Test
    void aRefusedJoinIsNotAnnounced() {
        Room room = chat.privateRoom("alice", "s3cret-pass");
        chat.connect(room.roomId(), "alice");
        chat.broadcaster.clear();

        assertThatThrownBy(() -> chat.join(room.roomId(), "bob", "nope1")).isInstanceOf(ChatException.Forbidden.class);

        assertThat(chat.broadcaster.events()).isEmpty();
    }

    @Test
    void presenceGoesOnlyToLiveConnectionsOfThatRoom() {
        Room room = chat.publicRoom("alice");
        Room other = chat.publicRoom("zed");
        Connection expiring = chat.connect(room.roomId(), "alice");
        chat.clock.advance(Duration.ofSeconds(400));
        Connection fresh = chat.connect(room.roomId(), "alice");
        Connection elsewhere = chat.connect(other.roomId(), "zed");
        chat.clock.advance(Duration.ofSeconds(200));

        chat.join(room.roomId(), "bob");

        assertThat(chat.broadcaster.eventsTo(fresh.connectionId())).hasSize(1);
        assertThat(chat.broadcaster.eventsTo(expiring.connectionId())).isEmpty();
        assertThat(chat.broadcaster.eventsTo(elsewhere.connectionId())).isEmpty();
    }
}
