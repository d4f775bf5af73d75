package com.englishstudy.chat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.message.SaveOutcome;
import com.englishstudy.chat.domain.voice.Voice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageRepository} must do. Subclass it and return an empty repository from
 * {@link #newMessageRepository()}; it is called once before each test.
 */
public abstract class MessageRepositoryContract {

    /** An empty repository, new for each test. */
    protected abstract MessageRepository newMessageRepository();

    protected MessageRepository messages;
    private String prefix;
    private int idCounter;
    private Instant base;
    private String roomA;
    private String roomB;

    /** Newest first: by createdAt, then by messageId, both descending (the port's order). */
    private static final Comparator<ChatMessage> NEWEST_FIRST =
            Comparator.comparing(ChatMessage::createdAt).thenComparing(ChatMessage::messageId).reversed();

    @BeforeEach
    void setUpMessageRepository() {
        messages = newMessageRepository();
        prefix = UUID.randomUUID().toString().substring(0, 8);
        idCounter = 0;
        base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        roomA = "room-" + prefix + "-a";
        roomB = "room-" + prefix + "-b";
    }

    // ---- building blocks ------------------------------------------------------------------------------------

    /** Ids that sort in the order they are made, like the production ones. */
    private String newMessageId() {
        return "m-" + prefix + "-" + String.format("%05d", idCounter++);
    }

    private ChatMessage message(String roomId, String userId, Instant at, String clientMessageId) {
        return ChatMessage.create(newMessageId(), roomId, userId, "Hello " + idCounter, MessageType.TEXT, at,
                clientMessageId);
    }

    private ChatMessage stored(ChatMessage message) {
        SaveOutcome outcome = messages.save(message);
        assertThat(outcome).isEqualTo(new SaveOutcome.Stored(message));
        return message;
    }

    private ChatMessage found(String messageId) {
        return messages.find(messageId).orElseThrow(() -> new AssertionError("message " + messageId + " should exist"));
    }

    private static List<ChatMessage> all(Function<PageRequest, Page<ChatMessage>> listing, int limit,
                                         List<Page<ChatMessage>> pagesOut) {
        List<ChatMessage> all = new ArrayList<>();
        String after = null;
        do {
            Page<ChatMessage> page = listing.apply(new PageRequest(limit, after));
            pagesOut.add(page);
            all.addAll(page.items());
            after = page.nextPosition();
            assertThat(pagesOut).as("paging must end").hasSizeLessThan(1000);
        } while (after != null);
        return all;
    }

    private static List<String> ids(List<ChatMessage> list) {
        return list.stream().map(ChatMessage::messageId).toList();
    }

    // ---- save and find --------------------------------------------------------------------------------------

    @Test
    void findReturnsEveryFieldOfASavedMessage() {
        ChatMessage text = stored(ChatMessage.create(newMessageId(), roomA, "alice",
                "  Hi 👋🏽, 안녕하세요!\nHow are you?  ", MessageType.TEXT, base, "c-1"));
        ChatMessage tutor = stored(ChatMessage.create(newMessageId(), roomA, "ai-tutor", "Good question.",
                MessageType.AI_RESPONSE, base.plusMillis(1), null));
        ChatMessage image = stored(ChatMessage.create(newMessageId(), roomA, "bob", "https://example.com/cat.png",
                MessageType.IMAGE, base.plusMillis(2), null));
        ChatMessage voice = stored(ChatMessage.create(newMessageId(), roomA, "bob", "voice/clip.mp3",
                MessageType.VOICE, base.plusMillis(3), null));

        assertThat(found(text.messageId())).isEqualTo(text);
        assertThat(found(tutor.messageId())).isEqualTo(tutor);
        assertThat(found(image.messageId())).isEqualTo(image);
        assertThat(found(voice.messageId())).isEqualTo(voice);
        assertThat(found(tutor.messageId()).clientMessageId()).isNull();
        assertThat(found(text.messageId()).maleVoiceKey()).isNull();
        assertThat(found(text.messageId()).femaleVoiceKey()).isNull();
    }

    @Test
    void findOfAnUnknownMessageIsEmpty() {
        stored(message(roomA, "alice", base, null));

        assertThat(messages.find("m-" + prefix + "-missing")).isEmpty();
    }

    // ---- listByRoom -----------------------------------------------------------------------------------------

    @Test
    void listByRoomOfARoomWithoutMessagesIsOneEmptyLastPage() {
        stored(message(roomB, "alice", base, null));

        Page<ChatMessage> page = messages.listByRoom(roomA, PageRequest.first(20));

        assertThat(page.items()).isEmpty();
        assertThat(page.nextPosition()).isNull();
    }

    @Test
    void listByRoomShowsOnlyThatRoomNewestFirst() {
        ChatMessage first = stored(message(roomA, "alice", base, null));
        stored(message(roomB, "alice", base.plusSeconds(1), null));
        ChatMessage third = stored(message(roomA, "bob", base.plusSeconds(2), null));
        // Stored late but written earlier: the order is by createdAt, not by when it was saved.
        ChatMessage second = stored(message(roomA, "carol", base.plusSeconds(1), null));

        Page<ChatMessage> page = messages.listByRoom(roomA, PageRequest.first(20));

        assertThat(page.items()).containsExactly(third, second, first);
        assertThat(page.nextPosition()).isNull();
    }

    @Test
    void listByRoomOrdersByTimeAcrossWholeSecondsAndDays() {
        // A whole second prints without a fraction in ISO-8601; a store that sorts on such text would misorder these.
        Instant second = base.truncatedTo(ChronoUnit.DAYS).plusSeconds(86_400);
        List<ChatMessage> oldestFirst = new ArrayList<>();
        for (Instant at : List.of(second.minusMillis(1), second, second.plusMillis(1), second.plusMillis(10),
                second.plusMillis(100), second.plusMillis(999), second.plusSeconds(1), second.plusSeconds(86_400 * 400L))) {
            oldestFirst.add(message(roomA, "alice", at, null));
        }
        // Saved in a scrambled order, so the listing cannot just echo the saves.
        for (int i : new int[] {3, 0, 7, 5, 1, 6, 2, 4}) stored(oldestFirst.get(i));

        List<ChatMessage> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).containsExactlyElementsOf(newestFirst);
        assertThat(messages.listByUser("alice", PageRequest.first(20)).items()).containsExactlyElementsOf(newestFirst);
        List<Page<ChatMessage>> pages = new ArrayList<>();
        assertThat(all(p -> messages.listByRoom(roomA, p), 3, pages)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void listByRoomBreaksTiesOfCreatedAtByMessageId() {
        ChatMessage a = stored(message(roomA, "alice", base, null));
        ChatMessage b = stored(message(roomA, "bob", base, null));
        ChatMessage c = stored(message(roomA, "alice", base, null));

        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).containsExactly(c, b, a);
    }

    @Test
    void pagingThroughARoomReturnsEveryMessageExactlyOnceNewestFirst() {
        List<ChatMessage> saved = new ArrayList<>();
        // 25 messages, four to a millisecond, so pages of 7 cut through groups with one createdAt.
        for (int i = 0; i < 25; i++) saved.add(stored(message(roomA, i % 2 == 0 ? "alice" : "bob", base.plusMillis(i / 4), null)));
        stored(message(roomB, "alice", base.plusMillis(3), null));

        List<Page<ChatMessage>> pages = new ArrayList<>();
        List<ChatMessage> listed = all(p -> messages.listByRoom(roomA, p), 7, pages);

        assertThat(pages).extracting(p -> p.items().size()).containsExactly(7, 7, 7, 4);
        assertThat(ids(listed)).containsExactlyElementsOf(ids(saved.stream().sorted(NEWEST_FIRST).toList()));
        assertThat(pages.get(3).hasMore()).isFalse();
    }

    @Test
    void aPageOfExactlyTheRemainingMessagesIsTheLastPage() {
        for (int i = 0; i < 4; i++) stored(message(roomA, "alice", base.plusSeconds(i), null));

        Page<ChatMessage> all = messages.listByRoom(roomA, PageRequest.first(4));
        assertThat(all.items()).hasSize(4);
        assertThat(all.nextPosition()).as("nothing follows a full last page").isNull();

        Page<ChatMessage> first = messages.listByRoom(roomA, PageRequest.first(2));
        Page<ChatMessage> second = messages.listByRoom(roomA, new PageRequest(2, first.nextPosition()));
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextPosition()).isNull();
    }

    // ---- listByUser -----------------------------------------------------------------------------------------

    @Test
    void listByUserShowsThatUsersMessagesAcrossRoomsNewestFirst() {
        ChatMessage inA = stored(message(roomA, "alice", base, null));
        stored(message(roomA, "bob", base.plusSeconds(1), null));
        ChatMessage inB = stored(message(roomB, "alice", base.plusSeconds(2), null));
        ChatMessage laterInA = stored(message(roomA, "alice", base.plusSeconds(3), null));

        Page<ChatMessage> page = messages.listByUser("alice", PageRequest.first(20));

        assertThat(page.items()).containsExactly(laterInA, inB, inA);
        assertThat(page.nextPosition()).isNull();
        assertThat(messages.listByUser("nobody", PageRequest.first(20)).items()).isEmpty();
    }

    @Test
    void pagingThroughAUsersMessagesReturnsEachExactlyOnceNewestFirst() {
        List<ChatMessage> alices = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ChatMessage m = stored(message(i % 3 == 0 ? roomB : roomA, "alice", base.plusMillis(i / 3), null));
            alices.add(m);
            stored(message(roomA, "bob", base.plusMillis(i / 3), null));
        }

        List<Page<ChatMessage>> pages = new ArrayList<>();
        List<ChatMessage> listed = all(p -> messages.listByUser("alice", p), 7, pages);

        assertThat(pages).extracting(p -> p.items().size()).containsExactly(7, 7, 7, 4);
        assertThat(ids(listed)).containsExactlyElementsOf(ids(alices.stream().sorted(NEWEST_FIRST).toList()));
    }

    // ---- idempotency ----------------------------------------------------------------------------------------

    @Test
    void aRepeatedClientMessageIdFromTheSameUserInTheSameRoomStoresNothing() {
        ChatMessage original = stored(message(roomA, "alice", base, "c-1"));
        ChatMessage repeat = ChatMessage.create(newMessageId(), roomA, "alice", "Different text", MessageType.TEXT,
                base.plusSeconds(1), "c-1");

        SaveOutcome outcome = messages.save(repeat);

        assertThat(outcome).isEqualTo(new SaveOutcome.Duplicate(original));
        assertThat(messages.find(repeat.messageId())).isEmpty();
        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).containsExactly(original);
        assertThat(messages.listByUser("alice", PageRequest.first(20)).items()).containsExactly(original);
    }

    @Test
    void theSameClientMessageIdInAnotherRoomOrFromAnotherUserIsNotADuplicate() {
        ChatMessage original = stored(message(roomA, "alice", base, "c-1"));
        ChatMessage otherRoom = message(roomB, "alice", base.plusMillis(1), "c-1");
        ChatMessage otherUser = message(roomA, "bob", base.plusMillis(2), "c-1");

        assertThat(messages.save(otherRoom)).isEqualTo(new SaveOutcome.Stored(otherRoom));
        assertThat(messages.save(otherUser)).isEqualTo(new SaveOutcome.Stored(otherUser));

        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).containsExactly(otherUser, original);
        assertThat(messages.listByRoom(roomB, PageRequest.first(20)).items()).containsExactly(otherRoom);
    }

    @Test
    void messagesWithoutClientMessageIdAreNeverDuplicates() {
        ChatMessage one = stored(ChatMessage.create(newMessageId(), roomA, "alice", "same", MessageType.TEXT, base, null));
        ChatMessage two = stored(ChatMessage.create(newMessageId(), roomA, "alice", "same", MessageType.TEXT, base, null));

        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).containsExactly(two, one);
    }

    @Test
    void concurrentSavesOfOneClientMessageIdStoreExactlyOne() {
        List<ChatMessage> attempts = new ArrayList<>();
        for (int i = 0; i < 10; i++) attempts.add(message(roomA, "alice", base.plusMillis(i), "c-race"));

        List<SaveOutcome> outcomes = Concurrently.run(10, i -> messages.save(attempts.get(i)));

        List<ChatMessage> winners = outcomes.stream()
                .filter(SaveOutcome.Stored.class::isInstance).map(o -> ((SaveOutcome.Stored) o).message()).toList();
        assertThat(winners).hasSize(1);
        ChatMessage winner = winners.get(0);
        assertThat(outcomes).filteredOn(SaveOutcome.Duplicate.class::isInstance).hasSize(9)
                .allSatisfy(o -> assertThat(((SaveOutcome.Duplicate) o).original().messageId())
                        .isEqualTo(winner.messageId()));
        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).containsExactly(winner);
        assertThat(found(winner.messageId())).isEqualTo(winner);
    }

    // ---- recordVoiceKey -------------------------------------------------------------------------------------

    @Test
    void recordVoiceKeyKeepsEachVoiceApartAndShowsInListings() {
        ChatMessage m = stored(message(roomA, "alice", base, "c-1"));

        messages.recordVoiceKey(m.messageId(), Voice.FEMALE, "voice/" + roomA + "/" + m.messageId() + "/female.mp3");
        ChatMessage afterFemale = found(m.messageId());
        assertThat(afterFemale.femaleVoiceKey()).isEqualTo("voice/" + roomA + "/" + m.messageId() + "/female.mp3");
        assertThat(afterFemale.maleVoiceKey()).isNull();

        messages.recordVoiceKey(m.messageId(), Voice.MALE, "voice/" + roomA + "/" + m.messageId() + "/male.wav");
        ChatMessage afterBoth = found(m.messageId());
        assertThat(afterBoth).isEqualTo(m
                .withVoiceKey(Voice.FEMALE, "voice/" + roomA + "/" + m.messageId() + "/female.mp3")
                .withVoiceKey(Voice.MALE, "voice/" + roomA + "/" + m.messageId() + "/male.wav"));
        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).containsExactly(afterBoth);
        assertThat(messages.listByUser("alice", PageRequest.first(20)).items()).containsExactly(afterBoth);
    }

    @Test
    void recordVoiceKeyOfAnUnknownMessageCreatesNothing() {
        String missing = "m-" + prefix + "-missing";

        messages.recordVoiceKey(missing, Voice.FEMALE, "voice/x/y/female.mp3");

        assertThat(messages.find(missing)).isEmpty();
        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).isEmpty();
    }

    // ---- deleteByRoom ---------------------------------------------------------------------------------------

    @Test
    void deleteByRoomRemovesEveryMessageOfThatRoomOnly() {
        List<ChatMessage> inA = new ArrayList<>();
        for (int i = 0; i < 12; i++) inA.add(stored(message(roomA, i % 2 == 0 ? "alice" : "bob", base.plusMillis(i), null)));
        ChatMessage inB = stored(message(roomB, "alice", base.plusSeconds(1), "c-1"));

        messages.deleteByRoom(roomA);

        inA.forEach(m -> assertThat(messages.find(m.messageId())).isEmpty());
        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).isEmpty();
        assertThat(messages.listByUser("alice", PageRequest.first(20)).items()).containsExactly(inB);
        assertThat(messages.listByUser("bob", PageRequest.first(20)).items()).isEmpty();
        assertThat(found(inB.messageId())).isEqualTo(inB);
        assertThat(messages.listByRoom(roomB, PageRequest.first(20)).items()).containsExactly(inB);
    }

    @Test
    void deleteByRoomForgetsTheIdempotencyKeysOfThatRoomOnly() {
        stored(message(roomA, "alice", base, "c-1"));
        ChatMessage keptInB = stored(message(roomB, "alice", base, "c-1"));

        messages.deleteByRoom(roomA);

        ChatMessage again = message(roomA, "alice", base.plusSeconds(1), "c-1");
        assertThat(messages.save(again)).isEqualTo(new SaveOutcome.Stored(again));
        assertThat(messages.listByRoom(roomA, PageRequest.first(20)).items()).containsExactly(again);
        ChatMessage repeatInB = message(roomB, "alice", base.plusSeconds(1), "c-1");
        assertThat(messages.save(repeatInB)).isEqualTo(new SaveOutcome.Duplicate(keptInB));
    }

    @Test
    void deleteByRoomOfARoomWithoutMessagesDoesNothing() {
        ChatMessage inB = stored(message(roomB, "alice", base, null));

        messages.deleteByRoom(roomA);

        assertThat(messages.listByRoom(roomB, PageRequest.first(20)).items()).containsExactly(inB);
    }

    @Test
    void deleteByRoomRemovesMoreMessagesThanOneBatchHolds() {
        for (int i = 0; i < 60; i++) stored(message(roomA, "u" + (i % 5), base.plusMillis(i), i % 2 == 0 ? "c-" + i : null));

        messages.deleteByRoom(roomA);

        assertThat(messages.listByRoom(roomA, PageRequest.first(100)).items()).isEmpty();
        for (int u = 0; u < 5; u++) assertThat(messages.listByUser("u" + u, PageRequest.first(100)).items()).isEmpty();
    }
}
