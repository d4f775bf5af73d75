package com.englishstudy.chat.lambda.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.lambda.testing.FakeManagementApi;
import com.englishstudy.chat.ports.json.ChatJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Management API client against a stand-in that answers as API Gateway does. */
class ManagementApiBroadcasterTest {
    private static final Instant NOW = Instant.parse("2026-01-09T10:00:00Z");

    private FakeManagementApi api;
    private ManagementApiBroadcaster broadcaster;
    private final List<String> removed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = new FakeManagementApi();
        var client = ManagementApi.fromEnv(Map.of(ManagementApi.ENDPOINT_VARIABLE, api.endpoint().toString())).newClient();
        broadcaster = new ManagementApiBroadcaster(() -> client, removed::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        broadcaster.close();
        api.close();
    }

    private static Connection open(String id, Duration ago) {
        return new Connection(id, "room-1", "user-" + id, NOW.minus(ago), NOW.plus(Duration.ofMinutes(10)));
    }

    private static RoomEvent event() {
        return new RoomEvent.RoomDeleted("room-1");
    }

    @Test
    void aGoneReceiverIsRemovedAndOnlyIt() {
        // The sender is first, as a fan-out that blames the event's connection would find it.
        List<Connection> room = List.of(open("sender=", Duration.ofMinutes(3)), open("alive=", Duration.ofMinutes(2)),
                open("gone=", Duration.ofMinutes(1)), open("other=", Duration.ofSeconds(30)));
        api.markGone("gone=");

        broadcaster.deliver(room, event());

        assertThat(removed).containsExactly("gone=");
        assertThat(api.postedTo()).containsExactlyInAnyOrder("sender=", "alive=", "gone=", "other=");
        assertThat(api.calls()).allSatisfy(call -> assertThat(call.body()).isEqualTo(ChatJson.event(event())));
    }

    @Test
    void aConnectionStillOpeningIsKeptWhenItAnswersGone() {
        api.markGone("opening=");
        api.markGone("dead=");
        broadcaster.deliver(List.of(open("opening=", Duration.ofSeconds(1)), open("dead=", Duration.ofMinutes(5))), event());
        assertThat(removed).containsExactly("dead=");
    }

    @Test
    void postsRunInParallelAndDeliverWaitsForAll() {
        api.delay(Duration.ofMillis(300));
        List<Connection> room = new ArrayList<>();
        for (int i = 0; i < ManagementApiBroadcaster.MAX_PARALLEL_POSTS; i++) room.add(open("c" + i + "=", Duration.ofMinutes(1)));

        long start = System.nanoTime();
        broadcaster.deliver(room, event());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(api.postedTo()).hasSize(room.size());
        assertThat(took).as("8 posts of 300 ms each, one after another, would take 2.4 s").isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void eachConnectionIsPostedOnceEvenIfListedTwice() {
        broadcaster.deliver(List.of(open("a=", Duration.ofMinutes(1)), open("a=", Duration.ofMinutes(1)),
                open("b=", Duration.ofMinutes(1))), event());
        assertThat(api.postedTo()).containsExactlyInAnyOrder("a=", "b=");
    }

    @Test
    void closeDeletesEachConnectionAndForgetsThoseAlreadyGone() {
        api.markGone("gone=");
        broadcaster.close(List.of(open("a=", Duration.ofMinutes(1)), open("gone=", Duration.ofSeconds(1))));
        assertThat(api.calls()).extracting(FakeManagementApi.Call::method).containsOnly("DELETE");
        assertThat(api.calls()).extracting(FakeManagementApi.Call::connectionId).containsExactlyInAnyOrder("a=", "gone=");
        assertThat(removed).containsExactly("gone=");
    }

    @Test
    void aFailureOtherThanGoneKeepsTheConnection() {
        api.close();
        broadcaster.deliver(List.of(open("a=", Duration.ofMinutes(1)), open("b=", Duration.ofMinutes(1))), event());
        assertThat(removed).isEmpty();
    }

    @Test
    void nothingToSendCallsNothing() {
        broadcaster.deliver(List.of(), event());
        broadcaster.close(List.of());
        assertThat(api.calls()).isEmpty();
    }
}
