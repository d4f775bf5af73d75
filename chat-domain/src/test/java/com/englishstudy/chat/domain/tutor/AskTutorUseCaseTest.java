package com.englishstudy.chat.domain.tutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import com.englishstudy.chat.domain.fakes.FakeTutor;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomStatus;
import com.englishstudy.chat.domain.voice.NoSpeech;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AskTutorUseCaseTest {
    private final ChatFixture chat = new ChatFixture();
    private final Room room = chat.privateRoom("alice", "pass-word"); // an ADVANCED room
    private final Connection alice = chat.connect(room.roomId(), "alice");

    private ChatMessage ask(String userId) {
        return chat.core.askTutor().askTutor(new AskTutorCommand(room.roomId(), userId));
    }

    @Test
    void theTutorReadsTheLastTenMessagesOldestFirstAtTheRoomsLevel() {
        List<ChatMessage> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(chat.send(alice, "line " + i));
            chat.clock.advance(Duration.ofMillis(1));
        }

        ask("alice");

        assertThat(chat.tutor.asked()).containsExactly(new FakeTutor.Asked(Level.ADVANCED, sent.subList(2, 12)));
    }

    @Test
    void inAnEmptyRoomTheTutorGetsNoMessages() {
        ask("alice");

        assertThat(chat.tutor.asked()).containsExactly(new FakeTutor.Asked(Level.ADVANCED, List.of()));
    }

    @Test
    void theReplyIsStoredAsAnAiResponseFromTheTutorAndSentToTheRoom() {
        chat.send(alice, "How do I say 'bonjour'?");
        chat.clock.advance(Duration.ofSeconds(3));
        chat.tutor.replyWith("  You say 'hello'. \n");
        chat.broadcaster.clear();

        ChatMessage reply = ask("alice");

        assertThat(reply.userId()).isEqualTo("ai-tutor");
        assertThat(reply.messageType()).isEqualTo(MessageType.AI_RESPONSE);
        assertThat(reply.content()).isEqualTo("You say 'hello'.");
        assertThat(reply.roomId()).isEqualTo(room.roomId());
        assertThat(reply.createdAt()).isEqualTo(ChatFixture.START_MILLIS.plusSeconds(3));
        assertThat(reply.clientMessageId()).isNull();
        assertThat(chat.storedMessages(room.roomId())).first().isEqualTo(reply);
        assertThat(chat.broadcaster.eventsTo(alice.connectionId())).containsExactly(new RoomEvent.MessagePosted(reply));
        assertThat(chat.room(room.roomId()).lastMessageAt()).isEqualTo(reply.createdAt());
    }

    @Test
    void theTutorsReplyAloneMakesARoomActive() {
        ChatMessage reply = ask("alice");

        assertThat(chat.room(room.roomId()).status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(chat.room(room.roomId()).lastMessageAt()).isEqualTo(reply.createdAt());
    }

    @Test
    void aProviderFailureStoresAndSendsNothing() {
        chat.send(alice, "Hello?");
        List<ChatMessage> before = chat.storedMessages(room.roomId());
        chat.broadcaster.clear();
        chat.tutor.failAsTimeout();

        assertThatThrownBy(() -> ask("alice")).isInstanceOfSatisfying(ChatException.ProviderFailed.class,
                e -> assertThat(e.unavailable()).isTrue());

        assertThat(chat.storedMessages(room.roomId())).isEqualTo(before);
        assertThat(chat.broadcaster.log()).isEmpty();
    }

    @Test
    void aBadGatewayFromTheProviderStoresAndSendsNothing() {
        chat.tutor.failWith(new ChatException.ProviderFailed("model refused", false, null));
        chat.broadcaster.clear();

        assertThatThrownBy(() -> ask("alice")).isInstanceOfSatisfying(ChatException.ProviderFailed.class,
                e -> assertThat(e.unavailable()).isFalse());

        assertThat(chat.storedMessages(room.roomId())).isEmpty();
        assertThat(chat.broadcaster.log()).isEmpty();
        assertThat(chat.room(room.roomId()).status()).isEqualTo(RoomStatus.CREATED);
    }

    @Test
    void anEmptyAnswerIsAProviderFailureAndStoresNothing() {
        chat.tutor.replyWith("  \n ");
        chat.broadcaster.clear();

        assertThatThrownBy(() -> ask("alice")).isInstanceOf(ChatException.ProviderFailed.class);

        assertThat(chat.storedMessages(room.roomId())).isEmpty();
        assertThat(chat.broadcaster.log()).isEmpty();
    }

    @Test
    void onlyMembersMayAskTheTutor() {
        assertThatThrownBy(() -> ask("mallory")).isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> ask("ai-tutor")).isInstanceOf(ChatException.Forbidden.class);
        assertThat(chat.tutor.asked()).isEmpty();
        assertThat(chat.storedMessages(room.roomId())).isEmpty();
    }

    @Test
    void askingInAnUnknownRoomIsNotFound() {
        assertThatThrownBy(() -> chat.core.askTutor().askTutor(new AskTutorCommand("room-404", "alice")))
                .isInstanceOf(ChatException.NotFound.class);
        assertThat(chat.tutor.asked()).isEmpty();
    }

    @Test
    void withoutATutorConfiguredAskingIsUnavailable() {
        var clock = chat.clock;
        ChatCore core = ChatCore.create(ChatSettings.defaults().withBcryptCost(4), new ChatCore.Dependencies(
                ChatStorage.inMemory(clock), chat.broadcaster, new NoTutor(), new NoSpeech(), chat.audio, chat.ids, clock));
        Room other = core.createRoom().createRoom(new com.englishstudy.chat.domain.room.CreateRoomCommand(
                "R", null, Level.BEGINNER, null, false, null, "alice"));

        assertThatThrownBy(() -> core.askTutor().askTutor(new AskTutorCommand(other.roomId(), "alice")))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isTrue());
    }
}
