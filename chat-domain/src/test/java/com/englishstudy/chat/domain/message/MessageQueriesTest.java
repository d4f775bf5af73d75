package com.englishstudy.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import com.englishstudy.chat.domain.room.LeaveRoomCommand;
import com.englishstudy.chat.domain.room.Room;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageQueriesTest {
    private final ChatFixture chat = new ChatFixture();
    private final MessageQueries queries = chat.core.messageQueries();
    private final Room room = chat.publicRoom("alice");
    private final Connection alice = chat.connect(room.roomId(), "alice");
    private final Connection bob = chat.connect(room.roomId(), "bob");

    private List<ChatMessage> sendFive() {
        List<ChatMessage> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(chat.send(i % 2 == 0 ? alice : bob, "message " + i));
            chat.clock.advance(Duration.ofMillis(i % 2));
        }
        return sent;
    }

    @Test
    void membersReadTheRoomsMessagesNewestFirstPageByPage() {
        List<ChatMessage> sent = sendFive();

        Page<ChatMessage> first = queries.roomMessages(room.roomId(), "bob", PageRequest.first(2));
        Page<ChatMessage> second = queries.roomMessages(room.roomId(), "bob", new PageRequest(2, first.nextPosition()));
        Page<ChatMessage> third = queries.roomMessages(room.roomId(), "bob", new PageRequest(2, second.nextPosition()));

        assertThat(first.items()).containsExactly(sent.get(4), sent.get(3));
        assertThat(second.items()).containsExactly(sent.get(2), sent.get(1));
        assertThat(third.items()).containsExactly(sent.get(0));
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hasMore()).isTrue();
        assertThat(third.hasMore()).isFalse();
    }

    @Test
    void nonMembersMayNotReadARoomsMessages() {
        sendFive();

        assertThatThrownBy(() -> queries.roomMessages(room.roomId(), "mallory", PageRequest.first(20)))
                .isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> queries.roomMessages(room.roomId(), "ai-tutor", PageRequest.first(20)))
                .isInstanceOf(ChatException.Forbidden.class);
    }

    @Test
    void aMemberWhoLeftMayNoLongerReadTheRoom() {
        sendFive();
        chat.core.leaveRoom().leaveRoom(new LeaveRoomCommand(room.roomId(), "bob"));

        assertThatThrownBy(() -> queries.roomMessages(room.roomId(), "bob", PageRequest.first(20)))
                .isInstanceOf(ChatException.Forbidden.class);
    }

    @Test
    void readingAnUnknownRoomIsNotFoundAndABadUserIdIsInvalid() {
        assertThatThrownBy(() -> queries.roomMessages("room-404", "alice", PageRequest.first(20)))
                .isInstanceOf(ChatException.NotFound.class);
        assertThatThrownBy(() -> queries.roomMessages(room.roomId(), "no spaces", PageRequest.first(20)))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> queries.roomMessages(room.roomId(), null, PageRequest.first(20)))
                .isInstanceOf(ChatException.InvalidInput.class);
    }

    @Test
    void aTamperedPositionIsInvalidInputNotACrash() {
        sendFive();

        assertThatThrownBy(() -> queries.roomMessages(room.roomId(), "alice", new PageRequest(2, "garbage")))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> queries.userMessages("alice", new PageRequest(2, "x:y")))
                .isInstanceOf(ChatException.InvalidInput.class);
    }

    @Test
    void aUserReadsTheirOwnMessagesAcrossRoomsNewestFirst() {
        Room other = chat.publicRoom("bob");
        Connection bobElsewhere = chat.connect(other.roomId(), "bob");
        ChatMessage one = chat.send(bob, "in the first room");
        chat.clock.advance(Duration.ofSeconds(1));
        chat.send(alice, "not bob's");
        ChatMessage two = chat.send(bobElsewhere, "in the second room");
        chat.clock.advance(Duration.ofSeconds(1));
        ChatMessage three = chat.send(bob, "back in the first");

        Page<ChatMessage> first = queries.userMessages("bob", PageRequest.first(2));
        Page<ChatMessage> rest = queries.userMessages("bob", new PageRequest(2, first.nextPosition()));

        assertThat(first.items()).containsExactly(three, two);
        assertThat(rest.items()).containsExactly(one);
        assertThat(rest.hasMore()).isFalse();
        assertThat(queries.userMessages("carol", PageRequest.first(20)).items()).isEmpty();
        assertThatThrownBy(() -> queries.userMessages("bad id", PageRequest.first(20)))
                .isInstanceOf(ChatException.InvalidInput.class);
    }
}
