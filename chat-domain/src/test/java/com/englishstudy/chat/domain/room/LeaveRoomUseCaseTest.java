package com.englishstudy.chat.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.token.RoomToken;
import org.junit.jupiter.api.Test;

class LeaveRoomUseCaseTest {
    private final ChatFixture chat = new ChatFixture();

    private LeftRoom leave(String roomId, String userId) {
        return chat.core.leaveRoom().leaveRoom(new LeaveRoomCommand(roomId, userId));
    }

    @Test
    void aLeavingMemberGivesUpTheirPlace() {
        Room room = chat.publicRoom("alice", 2);
        chat.join(room.roomId(), "bob");

        LeftRoom left = leave(room.roomId(), "bob");

        assertThat(left).isEqualTo(new LeftRoom(room.roomId(), 1, false));
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice");
        assertThat(chat.join(room.roomId(), "carol").newMember()).as("the freed place is open again").isTrue();
    }

    @Test
    void aNonMemberCannotLeave() {
        Room room = chat.publicRoom("alice");

        assertThatThrownBy(() -> leave(room.roomId(), "bob")).isInstanceOf(ChatException.Forbidden.class);
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice");
    }

    @Test
    void leavingTwiceIsRefusedTheSecondTime() {
        Room room = chat.publicRoom("alice");
        chat.join(room.roomId(), "bob");
        leave(room.roomId(), "bob");

        assertThatThrownBy(() -> leave(room.roomId(), "bob")).isInstanceOf(ChatException.Forbidden.class);
    }

    @Test
    void leavingAnUnknownRoomIsNotFound() {
        assertThatThrownBy(() -> leave("room-404", "bob")).isInstanceOf(ChatException.NotFound.class);
    }

    @Test
    void theLeaversConnectionsAreClosedAndTheRestAreTold() {
        Room room = chat.publicRoom("alice");
        Connection alice = chat.connect(room.roomId(), "alice");
        Connection bobTab1 = chat.connect(room.roomId(), "bob");
        Connection bobTab2 = chat.connect(room.roomId(), "bob");
        chat.broadcaster.clear();

        leave(room.roomId(), "bob");

        assertThat(chat.broadcaster.wasClosed(bobTab1.connectionId())).isTrue();
        assertThat(chat.broadcaster.wasClosed(bobTab2.connectionId())).isTrue();
        assertThat(chat.broadcaster.wasClosed(alice.connectionId())).isFalse();
        assertThat(chat.broadcaster.eventsTo(alice.connectionId())).containsExactly(
                new RoomEvent.PresenceChanged(room.roomId(), "bob", RoomEvent.Presence.LEFT, 1));
        assertThat(chat.broadcaster.eventsTo(bobTab1.connectionId())).isEmpty();
        assertThat(chat.storage.connections().findByRoom(room.roomId(), chat.clock.instant()))
                .containsExactly(alice);
        assertThat(RoomEvent.Presence.LEFT.wire()).isEqualTo("left");
    }

    @Test
    void aClosedConnectionOfTheLeaverCanNoLongerSend() {
        Room room = chat.publicRoom("alice");
        Connection bob = chat.connect(room.roomId(), "bob");

        leave(room.roomId(), "bob");

        assertThatThrownBy(() -> chat.send(bob, "still here?")).isInstanceOf(ChatException.Unauthorized.class);
        assertThat(chat.storedMessages(room.roomId())).isEmpty();
    }

    @Test
    void aTokenOfAUserWhoLeftIsRefused() {
        Room room = chat.publicRoom("alice");
        RoomToken token = chat.join(room.roomId(), "bob").token();
        leave(room.roomId(), "bob");

        assertThatThrownBy(() -> chat.connectWith(token.token())).isInstanceOf(ChatException.Unauthorized.class);
        assertThat(chat.storage.connections().findByRoom(room.roomId(), chat.clock.instant())).isEmpty();
    }

    @Test
    void theCreatorMayLeaveAndTheRoomLivesOnWithTheOthers() {
        Room room = chat.publicRoom("alice");
        chat.join(room.roomId(), "bob");

        LeftRoom left = leave(room.roomId(), "alice");

        assertThat(left.roomDeleted()).isFalse();
        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("bob");
        assertThat(chat.room(room.roomId()).createdBy()).isEqualTo("alice");
    }

    @Test
    void whenTheLastMemberLeavesTheRoomAndEverythingInItIsDeleted() {
        Room room = chat.publicRoom("alice");
        Room other = chat.publicRoom("zed");
        Connection alice = chat.connect(room.roomId(), "alice");
        ChatMessage message = chat.send(alice, "Anyone here?");
        Connection zed = chat.connect(other.roomId(), "zed");
        ChatMessage kept = chat.send(zed, "Hi");
        RoomToken unusedToken = chat.join(room.roomId(), "alice").token();
        chat.core.readAloud().readAloud(new com.englishstudy.chat.domain.voice.ReadAloudCommand(
                message.messageId(), "alice", null));

        LeftRoom left = leave(room.roomId(), "alice");

        assertThat(left).isEqualTo(new LeftRoom(room.roomId(), 0, true));
        assertThatThrownBy(() -> chat.room(room.roomId())).isInstanceOf(ChatException.NotFound.class);
        assertThat(chat.storage.messages().find(message.messageId())).isEmpty();
        assertThat(chat.storedMessages(room.roomId())).isEmpty();
        assertThat(chat.storage.messages().listByUser("alice", PageRequest.first(10)).items()).isEmpty();
        assertThat(chat.storage.connections().findByRoom(room.roomId(), chat.clock.instant())).isEmpty();
        assertThat(chat.storage.tokens().consume(unusedToken.token())).isEmpty();
        assertThat(chat.audio.objects()).isEmpty();
        assertThat(chat.audio.deletedPrefixes()).containsExactly("voice/" + room.roomId() + "/");
        assertThat(chat.broadcaster.wasClosed(alice.connectionId())).isTrue();
        // The other room is untouched.
        assertThat(chat.room(other.roomId()).memberIds()).containsExactly("zed");
        assertThat(chat.storedMessages(other.roomId())).containsExactly(kept);
        assertThat(chat.storage.connections().findByRoom(other.roomId(), chat.clock.instant())).containsExactly(zed);
    }

    @Test
    void aRoomEmptiedByLeavesCanBeNeitherJoinedNorListed() {
        Room room = chat.publicRoom("alice");
        leave(room.roomId(), "alice");

        assertThatThrownBy(() -> chat.join(room.roomId(), "bob")).isInstanceOf(ChatException.NotFound.class);
        assertThat(chat.core.roomQueries().listRooms(RoomFilter.ALL, PageRequest.first(10)).items()).isEmpty();
    }
}
