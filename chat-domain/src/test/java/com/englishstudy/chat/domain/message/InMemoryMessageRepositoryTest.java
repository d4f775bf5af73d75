package com.englishstudy.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.contract.MessageRepositoryContract;
import com.englishstudy.chat.domain.voice.Voice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The contract, and what the in-memory store's own layout could get wrong: ids and keys that share a hash,
 * records larger than a chunk, long histories that grow every array, and saves racing a room's deletion.
 */
class InMemoryMessageRepositoryTest extends MessageRepositoryContract {
    private static final Comparator<ChatMessage> NEWEST_FIRST =
            Comparator.comparing(ChatMessage::createdAt).thenComparing(ChatMessage::messageId).reversed();

    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Override
    protected MessageRepository newMessageRepository() {
        return new InMemoryMessageRepository();
    }

    private static ChatMessage message(String id, String room, String user, String content, Instant at, String key) {
        return ChatMessage.create(id, room, user, content, MessageType.TEXT, at, key);
    }

    private static List<ChatMessage> all(Function<PageRequest, Page<ChatMessage>> listing, int limit) {
        List<ChatMessage> all = new ArrayList<>();
        String after = null;
        do {
            Page<ChatMessage> page = listing.apply(new PageRequest(limit, after));
            all.addAll(page.items());
            after = page.nextPosition();
        } while (after != null);
        return all;
    }

    @Test
    void messageIdsThatShareAHashAreKeptApart() {
        // "Aa" and "BB" have the same String.hashCode, so these ids land on one slot of the id index.
        assertThat("m-Aa".hashCode()).isEqualTo("m-BB".hashCode());
        ChatMessage first = message("m-Aa", "room-1", "alice", "first", base, null);
        ChatMessage second = message("m-BB", "room-2", "bob", "second", base, null);
        messages.save(first);
        messages.save(second);

        assertThat(messages.find("m-Aa")).contains(first);
        assertThat(messages.find("m-BB")).contains(second);
        messages.recordVoiceKey("m-BB", Voice.MALE, "voice/m-BB/male.mp3");
        assertThat(messages.find("m-Aa")).contains(first);

        messages.deleteByRoom("room-1");
        assertThat(messages.find("m-Aa")).isEmpty();
        assertThat(messages.find("m-BB")).contains(second.withVoiceKey(Voice.MALE, "voice/m-BB/male.mp3"));
    }

    @Test
    void clientMessageIdsThatShareAHashAreNotDuplicatesOfEachOther() {
        ChatMessage aa = message("m-1", "room-1", "alice", "one", base, "Aa");
        ChatMessage bb = message("m-2", "room-1", "alice", "two", base.plusMillis(1), "BB");

        assertThat(messages.save(aa)).isEqualTo(new SaveOutcome.Stored(aa));
        assertThat(messages.save(bb)).isEqualTo(new SaveOutcome.Stored(bb));
        assertThat(messages.save(message("m-3", "room-1", "alice", "again", base.plusMillis(2), "Aa")))
                .isEqualTo(new SaveOutcome.Duplicate(aa));
        assertThat(messages.save(message("m-4", "room-1", "alice", "again", base.plusMillis(3), "BB")))
                .isEqualTo(new SaveOutcome.Duplicate(bb));
    }

    @Test
    void thousandsOfClientMessageIdsThatShareAStringHashCodeStayApart() {
        // Every 12-character string of "Aa" and "BB" blocks has one String.hashCode: keys a client could pick to
        // pile onto one slot. Each is stored once, and each repeat is found to be a repeat of its own original.
        List<String> keys = new ArrayList<>();
        for (int bits = 0; bits < 64; bits++) {
            StringBuilder key = new StringBuilder();
            for (int b = 0; b < 6; b++) key.append((bits >> b & 1) == 0 ? "Aa" : "BB");
            keys.add(key.toString());
        }
        assertThat(keys.stream().map(String::hashCode).distinct()).hasSize(1);
        List<ChatMessage> originals = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            ChatMessage m = message("m-" + i, "room-1", "alice", "n" + i, base.plusMillis(i), keys.get(i));
            assertThat(messages.save(m)).isEqualTo(new SaveOutcome.Stored(m));
            originals.add(m);
        }
        for (int i = 0; i < keys.size(); i++) {
            ChatMessage repeat = message("r-" + i, "room-1", "alice", "again", base.plusSeconds(1), keys.get(i));
            assertThat(messages.save(repeat)).isEqualTo(new SaveOutcome.Duplicate(originals.get(i)));
        }
        assertThat(all(p -> messages.listByRoom("room-1", p), 100)).hasSize(keys.size());
    }

    @Test
    void recordsLargerThanAChunkReadBackWhole() {
        // 2,000 emoji are 8,000 bytes of UTF-8: more than the first chunks hold, interleaved with small records.
        String longest = "😀".repeat(2000);
        List<ChatMessage> saved = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String content = i % 3 == 0 ? longest : "short " + i;
            saved.add(message(String.format("m-%03d", i), "room-1", "alice", content, base.plusMillis(i), "c-" + i));
            messages.save(saved.getLast());
        }

        for (ChatMessage m : saved) assertThat(messages.find(m.messageId())).contains(m);
        assertThat(all(p -> messages.listByRoom("room-1", p), 7)).containsExactlyElementsOf(saved.reversed());
    }

    @Test
    void aLongHistoryInManyRoomsListsLikeASortedCopy() {
        Random random = new Random(7);
        List<ChatMessage> saved = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String room = "room-" + random.nextInt(7);
            String user = "user-" + random.nextInt(5);
            // Times mostly rising with some stepping back, so inserts are not all appends; ties of a millisecond too.
            Instant at = base.plusMillis(i / 3 - (random.nextInt(10) == 0 ? random.nextInt(500) : 0));
            ChatMessage m = message(String.format("m-%06d", i), room, user, "message " + i, at,
                    random.nextBoolean() ? "c-" + i : null);
            messages.save(m);
            saved.add(m);
        }

        for (int r = 0; r < 7; r++) {
            String room = "room-" + r;
            assertThat(all(p -> messages.listByRoom(room, p), 100))
                    .containsExactlyElementsOf(saved.stream().filter(m -> m.roomId().equals(room)).sorted(NEWEST_FIRST).toList());
        }
        for (int u = 0; u < 5; u++) {
            String user = "user-" + u;
            assertThat(all(p -> messages.listByUser(user, p), 100))
                    .containsExactlyElementsOf(saved.stream().filter(m -> m.userId().equals(user)).sorted(NEWEST_FIRST).toList());
        }
        ChatMessage some = saved.get(12_345);
        messages.recordVoiceKey(some.messageId(), Voice.FEMALE, "voice/x/female.mp3");
        assertThat(messages.find(some.messageId())).contains(some.withVoiceKey(Voice.FEMALE, "voice/x/female.mp3"));
    }

    @Test
    void savesRacingTheDeletionOfTheirRoomLeaveEveryIndexAgreeing() throws Exception {
        List<String> rooms = List.of("kept-1", "kept-2", "deleted");
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<ChatMessage> saved = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 3_000; i++) {
                    String id = String.format("m-%d-%05d", writer, i);
                    ChatMessage m = message(id, rooms.get(i % 3), "user-" + (i % 4), "hi " + i, base.plusMillis(i),
                            "c-" + writer + "-" + i);
                    messages.save(m);
                    saved.add(m);
                }
                return null;
            }));
        }
        Future<?> deleter = pool.submit(() -> {
            go.await();
            while (!stop.get()) {
                messages.deleteByRoom("deleted");
                messages.listByUser("user-1", PageRequest.first(50));
                Thread.onSpinWait();
            }
            return null;
        });
        go.countDown();
        for (Future<?> f : writers) f.get(60, TimeUnit.SECONDS);
        stop.set(true);
        deleter.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        Set<ChatMessage> inRooms = new HashSet<>();
        for (String room : rooms) inRooms.addAll(all(p -> messages.listByRoom(room, p), 100));
        assertThat(inRooms).containsAll(saved.stream().filter(m -> !m.roomId().equals("deleted")).toList());
        Set<ChatMessage> bySender = new HashSet<>();
        for (int u = 0; u < 4; u++) {
            String user = "user-" + u;
            bySender.addAll(all(p -> messages.listByUser(user, p), 100));
        }
        assertThat(bySender).as("every sender's listing shows exactly what the rooms hold").isEqualTo(inRooms);
        for (ChatMessage m : saved) {
            assertThat(messages.find(m.messageId()).isPresent()).as(m.messageId()).isEqualTo(inRooms.contains(m));
        }
    }
}
