package com.englishstudy.chat.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import com.englishstudy.chat.domain.fakes.RecordingBroadcaster;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.token.RoomToken;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteRoomUseCaseTest {
    private final ChatFixture chat = new ChatFixture();

    private void delete(String roomId, String userId) {
        chat.core.deleteRoom().deleteRoom(new DeleteRoomCommand(roomId, userId));
    }

    @Test
    void onlyTheCreatorMayDeleteARoom() {
        Room room = chat.publicRoom("alice");
        chat.join(room.roomId(), "bob");
        Connection bob = chat.connect(room.roomId(), "bob");
        chat.send(bob, "Hello");
        chat.broadcaster.clear();

        assertThatThrownBy(() -> delete(room.roomId(), "bob")).isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> delete(room.roomId(), "mallory")).isInstanceOf(ChatException.Forbidden.class);

        assertThat(chat.room(room.roomId()).memberIds()).containsExactly("alice", "bob");
        assertThat(chat.storedMessages(room.roomId())).hasSize(1);
        assertThat(chat.broadcaster.log()).isEmpty();
    }

    @Test
    void theCreatorMayDeleteEvenAfterLeaving() {
        Room room = chat.publicRoom("alice");
        chat.join(room.roomId(), "bob");
        chat.core.leaveRoom().leaveRoom(new LeaveRoomCommand(room.roomId(), "alice"));

        delete(room.roomId(), "alice");

        assertThatThrownBy(() -> chat.room(room.roomId())).isInstanceOf(ChatException.NotFound.class);
    }

    @Test
    void deletingAnUnknownRoomIsNotFound() {
        assertThatThrownBy(() -> delete("room-404", "alice")).isInstanceOf(ChatException.NotFound.class);
    }

    @Test
    void everyConnectionIsToldTheRoomIsDeletedAndThenClosed() {
        Room room = chat.publicRoom("alice");
        Connection alice = chat.connect(room.roomId(), "alice");
        Connection bob = chat.connect(room.roomId(), "bob");
        chat.broadcaster.clear();

        delete(room.roomId(), "alice");

        RoomEvent deleted = new RoomEvent.RoomDeleted(room.roomId());
        assertThat(chat.broadcaster.historyOf(alice.connectionId())).containsExactly(deleted, "closed");
        assertThat(chat.broadcaster.historyOf(bob.connectionId())).containsExactly(deleted, "closed");
        assertThat(chat.broadcaster.log()).first().isInstanceOf(RecordingBroadcaster.Delivered.class);
    }

    @Test
    void deletingARoomRemovesItsMembershipsMessagesConnectionsTokensAndAudio() {
        Room room = chat.publicRoom("alice");
        Room other = chat.publicRoom("alice");
        Connection bob = chat.connect(room.roomId(), "bob");
        ChatMessage message = chat.send(bob, "Bye soon");
        Connection elsewhere = chat.connect(other.roomId(), "alice");
        ChatMessage kept = chat.send(elsewhere, "Still here");
        RoomToken unused = chat.join(room.roomId(), "bob").token();
        chat.core.readAloud().readAloud(new com.englishstudy.chat.domain.voice.ReadAloudCommand(
                message.messageId(), "bob", null));

        delete(room.roomId(), "alice");

        assertThatThrownBy(() -> chat.room(room.roomId())).isInstanceOf(ChatException.NotFound.class);
        assertThat(chat.core.roomQueries().listRooms(new RoomFilter(null, "bob"), PageRequest.first(10)).items()).isEmpty();
        assertThat(chat.storage.messages().find(message.messageId())).isEmpty();
        assertThat(chat.storage.messages().listByUser("bob", PageRequest.first(10)).items()).isEmpty();
        assertThat(chat.storage.connections().findByRoom(room.roomId(), chat.clock.instant())).isEmpty();
        assertThatThrownBy(() -> chat.connectWith(unused.token())).isInstanceOf(ChatException.Unauthorized.class);
        assertThatThrownBy(() -> chat.send(bob, "hello?")).isInstanceOf(ChatException.Unauthorized.class);
        assertThat(chat.audio.objects()).isEmpty();
        assertThat(chat.audio.deletedPrefixes()).containsExactly("voice/" + room.roomId() + "/");
        assertThat(chat.storedMessages(other.roomId())).containsExactly(kept);
        assertThat(chat.storage.connections().findByRoom(other.roomId(), chat.clock.instant())).containsExactly(elsewhere);
        assertThat(chat.broadcaster.historyOf(elsewhere.connectionId())).doesNotContain("closed");
    }

    @Test
    void nobodyDeletesAsTheTutor() {
        Room room = chat.publicRoom("alice");

        assertThatThrownBy(() -> delete(room.roomId(), "ai-tutor")).isInstanceOf(ChatException.Forbidden.class);
        assertThat(chat.core.roomQueries().listRooms(RoomFilter.ALL, PageRequest.first(10)).items())
                .extracting(Room::roomId).isEqualTo(List.of(room.roomId()));
    }
}
