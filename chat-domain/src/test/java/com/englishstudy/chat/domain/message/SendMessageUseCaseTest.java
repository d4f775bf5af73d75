package com.englishstudy.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RateLimiter;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SendMessageUseCaseTest {
    private final ChatFixture chat = new ChatFixture();
    private final Room room = chat.publicRoom("alice");
    private final Connection alice = chat.connect(room.roomId(), "alice");
    private final Connection bob = chat.connect(room.roomId(), "bob");

    private SaveOutcome send(String connectionId, String roomId, String userId, String content, String type,
                             String clientMessageId) {
        return chat.core.sendMessage().sendMessage(
                new SendMessageCommand(connectionId, roomId, userId, content, type, clientMessageId));
    }

    private ChatMessage stored(SaveOutcome outcome) {
        assertThat(outcome).isInstanceOf(SaveOutcome.Stored.class);
        return ((SaveOutcome.Stored) outcome).message();
    }

    private void assertNothingStoredOrSent() {
        assertThat(chat.storedMessages(room.roomId())).isEmpty();
        assertThat(chat.broadcaster.events()).filteredOn(RoomEvent.MessagePosted.class::isInstance).isEmpty();
    }

    // ---- storing and delivering ----------------------------------------------------------------------------

    @Test
    void aMessageIsStoredAsTheConnectionsUserAndSentToEveryConnectionOfTheRoomTheSendersToo() {
        Room other = chat.publicRoom("zed");
        Connection elsewhere = chat.connect(other.roomId(), "zed");
        chat.broadcaster.clear();

        ChatMessage message = stored(send(bob.connectionId(), null, null, "Hello, everyone!", null, "c-1"));

        assertThat(message).isEqualTo(new ChatMessage(message.messageId(), room.roomId(), "bob", "Hello, everyone!",
                MessageType.TEXT, ChatFixture.START_MILLIS, "c-1", null, null));
        assertThat(chat.storedMessages(room.roomId())).containsExactly(message);
        RoomEvent posted = new RoomEvent.MessagePosted(message);
        assertThat(chat.broadcaster.eventsTo(alice.connectionId())).containsExactly(posted);
        assertThat(chat.broadcaster.eventsTo(bob.connectionId())).containsExactly(posted);
        assertThat(chat.broadcaster.eventsTo(elsewhere.connectionId())).isEmpty();
    }

    @Test
    void contentIsStoredExactlyAsSentInAnyScript() {
        String content = "  Hi 👋🏽 — 안녕하세요!\n\tこんにちは  ";

        assertThat(stored(send(alice.connectionId(), null, null, content, null, null)).content()).isEqualTo(content);
        assertThat(chat.storedMessages(room.roomId()).get(0).content()).isEqualTo(content);
    }

    @Test
    void matchingRoomAndUserIdsMayBeSent() {
        ChatMessage message = stored(send(alice.connectionId(), room.roomId(), "alice", "hi", "TEXT", null));

        assertThat(message.userId()).isEqualTo("alice");
    }

    @Test
    void imageAndVoiceMessagesMayBeSent() {
        assertThat(stored(send(alice.connectionId(), null, null, "https://img.test/cat.png", "IMAGE", null)).messageType())
                .isEqualTo(MessageType.IMAGE);
        assertThat(stored(send(alice.connectionId(), null, null, "voice/clip-1.mp3", "VOICE", null)).messageType())
                .isEqualTo(MessageType.VOICE);
    }

    @Test
    void theFirstMessageMakesTheRoomActiveAndEachMovesItsLastMessageTime() {
        assertThat(chat.room(room.roomId()).status()).isEqualTo(RoomStatus.CREATED);
        chat.clock.advance(Duration.ofSeconds(5));

        ChatMessage first = chat.send(alice, "first");

        Room after = chat.room(room.roomId());
        assertThat(after.status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(after.status().wire()).isEqualTo("active");
        assertThat(after.lastMessageAt()).isEqualTo(first.createdAt()).isEqualTo(ChatFixture.START_MILLIS.plusSeconds(5));
        assertThat(after.createdAt()).isEqualTo(ChatFixture.START_MILLIS);

        chat.clock.advance(Duration.ofSeconds(7));
        ChatMessage second = chat.send(bob, "second");
        assertThat(chat.room(room.roomId()).lastMessageAt()).isEqualTo(second.createdAt());
    }

    @Test
    void messagesAreDeliveredInTheOrderTheyWereStored() {
        ChatMessage one = chat.send(alice, "one");
        ChatMessage two = chat.send(bob, "two");
        ChatMessage three = chat.send(alice, "three");

        assertThat(chat.broadcaster.eventsTo(bob.connectionId()))
                .filteredOn(RoomEvent.MessagePosted.class::isInstance)
                .containsExactly(new RoomEvent.MessagePosted(one), new RoomEvent.MessagePosted(two),
                        new RoomEvent.MessagePosted(three));
        assertThat(chat.storedMessages(room.roomId())).containsExactly(three, two, one);
    }

    // ---- content -------------------------------------------------------------------------------------------

    @Test
    void contentMayHaveUpTo2000CharactersCountingEachEmojiAsOne() {
        assertThat(stored(send(alice.connectionId(), null, null, "a".repeat(2000), null, null)).content()).hasSize(2000);
        String emoji = "😀".repeat(2000);
        assertThat(stored(send(alice.connectionId(), null, null, emoji, null, null)).content()).isEqualTo(emoji);

        assertThatThrownBy(() -> send(alice.connectionId(), null, null, "a".repeat(2001), null, null))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> send(alice.connectionId(), null, null, "😀".repeat(2001), null, null))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThat(chat.storedMessages(room.roomId())).hasSize(2);
    }

    @Test
    void missingEmptyOrBlankContentIsRefused() {
        chat.broadcaster.clear();
        for (String bad : new String[] {null, "", " ", " \n\t "}) {
            assertThatThrownBy(() -> send(alice.connectionId(), null, null, bad, null, null))
                    .as("content '%s'", bad).isInstanceOf(ChatException.InvalidInput.class);
        }
        assertNothingStoredOrSent();
    }

    @Test
    void onlyUserMessageTypesMayBeSent() {
        chat.broadcaster.clear();
        assertThatThrownBy(() -> send(alice.connectionId(), null, null, "I am the tutor", "AI_RESPONSE", null))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> send(alice.connectionId(), null, null, "hi", "VIDEO", null))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertNothingStoredOrSent();
    }

    @Test
    void aClientMessageIdHasOneTo64Characters() {
        assertThat(stored(send(alice.connectionId(), null, null, "hi", null, "k".repeat(64))).clientMessageId())
                .hasSize(64);

        assertThatThrownBy(() -> send(alice.connectionId(), null, null, "hi", null, "k".repeat(65)))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> send(alice.connectionId(), null, null, "hi", null, ""))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThat(chat.storedMessages(room.roomId())).hasSize(1);
    }

    // ---- identity ------------------------------------------------------------------------------------------

    @Test
    void aFrameNamingAnotherRoomOrUserIsRefusedAndNothingIsStored() {
        Room other = chat.publicRoom("bob");
        chat.broadcaster.clear();

        assertThatThrownBy(() -> send(alice.connectionId(), other.roomId(), null, "hi", null, null))
                .isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> send(alice.connectionId(), null, "bob", "hi", null, null))
                .isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> send(alice.connectionId(), room.roomId(), "ai-tutor", "hi", null, null))
                .isInstanceOf(ChatException.Forbidden.class);
        assertThatThrownBy(() -> send(alice.connectionId(), "", "", "hi", null, null))
                .isInstanceOf(ChatException.Forbidden.class);

        assertNothingStoredOrSent();
        assertThat(chat.storedMessages(other.roomId())).isEmpty();
    }

    // ---- idempotency ---------------------------------------------------------------------------------------

    @Test
    void aRepeatedClientMessageIdAnswersWithTheOriginalAndStoresAndSendsNothingNew() {
        ChatMessage original = stored(send(alice.connectionId(), null, null, "Hello", null, "c-42"));
        chat.broadcaster.clear();
        chat.clock.advance(Duration.ofSeconds(2));

        SaveOutcome again = send(alice.connectionId(), null, null, "Hello (retry)", null, "c-42");

        assertThat(again).isEqualTo(new SaveOutcome.Duplicate(original));
        assertThat(chat.storedMessages(room.roomId())).containsExactly(original);
        assertThat(chat.broadcaster.log()).isEmpty();
        assertThat(chat.room(room.roomId()).lastMessageAt()).isEqualTo(original.createdAt());
    }

    @Test
    void theSameClientMessageIdFromAnotherTabOfTheSameUserIsADuplicate() {
        ChatMessage original = stored(send(alice.connectionId(), null, null, "Hello", null, "c-1"));
        Connection secondTab = chat.connect(room.roomId(), "alice");

        assertThat(send(secondTab.connectionId(), null, null, "Hello", null, "c-1"))
                .isEqualTo(new SaveOutcome.Duplicate(original));
    }

    @Test
    void theSameClientMessageIdFromAnotherUserIsANewMessage() {
        ChatMessage fromAlice = stored(send(alice.connectionId(), null, null, "Hello", null, "c-1"));

        ChatMessage fromBob = stored(send(bob.connectionId(), null, null, "Hello", null, "c-1"));

        assertThat(fromBob.messageId()).isNotEqualTo(fromAlice.messageId());
        assertThat(chat.storedMessages(room.roomId())).containsExactly(fromBob, fromAlice);
    }

    // ---- connection life -----------------------------------------------------------------------------------

    @Test
    void anExpiredConnectionCannotSend() {
        chat.clock.advance(Duration.ofMinutes(10));
        chat.broadcaster.clear();

        assertThatThrownBy(() -> chat.send(alice, "late")).isInstanceOf(ChatException.Unauthorized.class);
        assertNothingStoredOrSent();
    }

    @Test
    void anUnknownConnectionCannotSend() {
        assertThatThrownBy(() -> send("conn-404", null, null, "hi", null, null))
                .isInstanceOf(ChatException.Unauthorized.class);
        assertThat(chat.storedMessages(room.roomId())).isEmpty();
    }

    @Test
    void sendingKeepsTheConnectionAliveBeyondItsFirstExpiry() {
        chat.clock.advance(Duration.ofMinutes(6));
        chat.send(alice, "still talking");

        chat.clock.advance(Duration.ofMinutes(6));

        assertThat(chat.storage.connections().find(alice.connectionId(), chat.clock.instant())).isPresent();
        assertThat(chat.storage.connections().find(bob.connectionId(), chat.clock.instant()))
                .as("the silent connection expired").isEmpty();
        assertThat(chat.send(alice, "and still").userId()).isEqualTo("alice");
    }

    @Test
    void messagesAreNotDeliveredToExpiredConnections() {
        chat.clock.advance(Duration.ofMinutes(6));
        Connection carol = chat.connect(room.roomId(), "carol");
        chat.clock.advance(Duration.ofMinutes(5));
        chat.broadcaster.clear();

        chat.send(carol, "anyone?");

        assertThat(chat.broadcaster.eventsTo(carol.connectionId())).hasSize(1);
        assertThat(chat.broadcaster.eventsTo(alice.connectionId())).isEmpty();
        assertThat(chat.broadcaster.eventsTo(bob.connectionId())).isEmpty();
    }

    // ---- rate limit ----------------------------------------------------------------------------------------

    /** The use case built by hand with a clock for the rate limiter that moves only when told. */
    @Nested
    class RateLimit {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        private final ChatSettings settings = ChatSettings.defaults().withBcryptCost(4);
        private final SendMessageUseCase limited = new SendMessageUseCase(chat.storage.connections(),
                new MessagePublisher(chat.storage.messages(), chat.storage.rooms(), chat.storage.connections(),
                        chat.broadcaster, new RoomSequencer(8), chat.ids, chat.clock),
                new RateLimiter(settings.rateLimitPerSecond(), settings.rateLimitBurst()),
                settings, chat.clock, nanos::get);

        private SaveOutcome frame(Connection c, String content) {
            return limited.sendMessage(new SendMessageCommand(c.connectionId(), null, null, content, null, null));
        }

        @Test
        void aBurstOfTenIsAcceptedAndTheEleventhIsRefusedAndNotStored() {
            for (int i = 0; i < 10; i++) stored(frame(alice, "m" + i));
            chat.broadcaster.clear();

            assertThatThrownBy(() -> frame(alice, "one too many")).isInstanceOf(ChatException.RateLimited.class);

            assertThat(chat.storedMessages(room.roomId())).hasSize(10)
                    .noneMatch(m -> m.content().equals("one too many"));
            assertThat(chat.broadcaster.log()).isEmpty();
        }

        @Test
        void refusedFramesSpendTheLimitToo() {
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> frame(alice, " ")).isInstanceOf(ChatException.InvalidInput.class);
            }

            assertThatThrownBy(() -> frame(alice, "a good one")).isInstanceOf(ChatException.RateLimited.class);
            assertThat(chat.storedMessages(room.roomId())).isEmpty();
        }

        @Test
        void theLimitRefillsAtFivePerSecondAndKeepsAtMostTen() {
            for (int i = 0; i < 10; i++) frame(alice, "m" + i);

            nanos.addAndGet(Duration.ofMillis(199).toNanos());
            assertThatThrownBy(() -> frame(alice, "too soon")).isInstanceOf(ChatException.RateLimited.class);
            nanos.addAndGet(Duration.ofMillis(1).toNanos());
            stored(frame(alice, "after 200 ms"));
            assertThatThrownBy(() -> frame(alice, "again too soon")).isInstanceOf(ChatException.RateLimited.class);

            nanos.addAndGet(Duration.ofMinutes(1).toNanos());
            for (int i = 0; i < 10; i++) stored(frame(alice, "burst " + i));
            assertThatThrownBy(() -> frame(alice, "over the burst")).isInstanceOf(ChatException.RateLimited.class);
        }

        @Test
        void eachConnectionHasItsOwnLimit() {
            for (int i = 0; i < 10; i++) frame(alice, "m" + i);
            assertThatThrownBy(() -> frame(alice, "too many")).isInstanceOf(ChatException.RateLimited.class);

            assertThat(stored(frame(bob, "my turn")).userId()).isEqualTo("bob");
        }
    }

    @Test
    void theCoreUsesTheConfiguredRateLimit() {
        // One token per thousand seconds: however slow the machine, only the burst gets through.
        ChatFixture slow = new ChatFixture(ChatSettings.defaults().withBcryptCost(4).withRateLimit(0.001, 3));
        Room quiet = slow.publicRoom("alice");
        Connection c = slow.connect(quiet.roomId(), "alice");

        for (int i = 0; i < 3; i++) slow.send(c, "m" + i);

        assertThatThrownBy(() -> slow.send(c, "m3")).isInstanceOf(ChatException.RateLimited.class);
        assertThat(slow.storedMessages(quiet.roomId())).hasSize(3);
    }
}
