package com.englishstudy.chat.dynamodb.concurrency;

import static com.englishstudy.chat.dynamodb.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.SaveOutcome;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.MembershipChange;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomFilter;
import com.englishstudy.chat.domain.token.RoomToken;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.dynamodb.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Racing requests on the real engine, each thread with its own repositories as separate server processes
 * would have, so nothing in-process can serialise them: only DynamoDB's conditions do.
 */
class ConcurrencyTest {
    private String table;

    @BeforeEach
    void setUp() {
        table = Dynalite.shared().newTable("race");
    }

    @AfterEach
    void tearDown() {
        Dynalite.shared().deleteTable(table);
    }

    @Test
    void twentyJoinsOnASixPlaceRoomHoldingOneMemberAdmitExactlyFive() throws Exception {
        storage().rooms().create(Fixtures.room("r1", Level.BEGINNER, 6, T0, "owner"));

        List<MembershipChange> outcomes = race(20, i -> storage().rooms().addMember("r1", "user-" + i));

        assertThat(outcomes.stream().filter(MembershipChange.Changed.class::isInstance)).hasSize(5);
        assertThat(outcomes.stream().filter(MembershipChange.Full.class::isInstance)).hasSize(15);
        Room room = storage().rooms().find("r1").orElseThrow();
        assertThat(room.memberIds()).hasSize(6).doesNotHaveDuplicates().startsWith("owner");
        for (String member : room.memberIds()) {
            assertThat(storage().rooms().list(new RoomFilter(null, member), PageRequest.first(5)).items())
                    .extracting(Room::roomId).containsExactly("r1");
        }
        for (int i = 0; i < 20; i++) {
            if (room.isMember("user-" + i)) continue;
            assertThat(storage().rooms().list(new RoomFilter(null, "user-" + i), PageRequest.first(5)).items()).isEmpty();
        }
    }

    @Test
    void tenConsumersOfOneTokenLeaveItToExactlyOne() throws Exception {
        RoomToken token = Fixtures.token("r1", "alice", T0);
        storage().tokens().save(token);

        List<Optional<RoomToken>> outcomes = race(10, i -> storage().tokens().consume(token.token()));

        assertThat(outcomes.stream().filter(Optional::isPresent)).hasSize(1);
        assertThat(outcomes.stream().flatMap(Optional::stream)).containsExactly(token);
    }

    @Test
    void tenSavesOfOneClientMessageIdStoreOne() throws Exception {
        List<ChatMessage> attempts = new ArrayList<>();
        for (int i = 0; i < 10; i++) attempts.add(Fixtures.message("r1", "alice", T0.plusMillis(i), "same-id"));

        List<SaveOutcome> outcomes = race(10, i -> storage().messages().save(attempts.get(i)));

        List<ChatMessage> stored = outcomes.stream().filter(SaveOutcome.Stored.class::isInstance)
                .map(o -> ((SaveOutcome.Stored) o).message()).toList();
        assertThat(stored).hasSize(1);
        assertThat(outcomes.stream().filter(SaveOutcome.Duplicate.class::isInstance)
                .map(o -> ((SaveOutcome.Duplicate) o).original())).hasSize(9).containsOnly(stored.get(0));
        assertThat(storage().messages().listByRoom("r1", PageRequest.first(20)).items()).containsExactly(stored.get(0));
    }

    private ChatStorage storage() {
        return DynamoDbStorage.create(Dynalite.shared().client(), table);
    }

    /** Starts every task at once and waits, bounded, for all of them. */
    private static <T> List<T> race(int threads, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.apply(n);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) results.add(future.get(60, TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
