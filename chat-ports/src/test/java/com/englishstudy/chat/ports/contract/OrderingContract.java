package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.SocketClient.isEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Order and completeness under concurrency (SPEC 5): 3 rooms of 4 connected members each send 8 numbered
 * messages at once. Every member receives all 32 messages of its room exactly once, each sender's in the order
 * sent, and every member of a room in the same order, which is the order of the room's history. Its server
 * has a high rate limit, so the limit plays no part.
 */
public abstract class OrderingContract extends ContractBase {
    private static final int ROOMS = 3;
    private static final int MEMBERS = 4;
    private static final int MESSAGES = 8;

    @Override
    protected Map<String, String> serverSettings() {
        return Map.of("RATE_LIMIT_PER_SECOND", "1000", "RATE_LIMIT_BURST", "1000");
    }

    private record Member(String roomId, String userId, SocketClient socket) {}

    /** What one run of the scenario produced: the message ids of each room in the order its first member saw them. */
    private record Outcome(String run, Map<String, String> readerOfRoom, Map<String, List<String>> liveOrder) {}

    private Outcome everyoneSendsAtOnce() throws Exception {
        String run = uid("run");
        List<Member> members = new ArrayList<>();
        Map<String, String> readerOfRoom = new LinkedHashMap<>();
        for (int r = 0; r < ROOMS; r++) {
            String host = uid("host");
            String roomId = api.newRoom(host, "maxMembers", MEMBERS);
            readerOfRoom.put(roomId, host);
            List<String> users = new ArrayList<>(List.of(host));
            for (int m = 1; m < MEMBERS; m++) {
                String user = uid("member");
                api.join(roomId, user);
                users.add(user);
            }
            for (String user : users) members.add(new Member(roomId, user, api.enter(roomId, user)));
        }

        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService senders = Executors.newFixedThreadPool(members.size())) {
            List<Future<?>> sending = new ArrayList<>();
            for (Member member : members) {
                sending.add(senders.submit(() -> {
                    go.await();
                    for (int seq = 1; seq <= MESSAGES; seq++) member.socket().say(run + " " + member.userId() + " " + seq);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sending) f.get(20, TimeUnit.SECONDS);
        }

        Predicate<JsonNode> ofThisRun = isEvent("message").and(f -> f.path("content").asText().startsWith(run));
        Map<String, List<String>> liveOrder = new LinkedHashMap<>();
        for (Member member : members) {
            List<JsonNode> received = member.socket().awaitAll("all " + MEMBERS * MESSAGES + " messages of the room",
                    ofThisRun, MEMBERS * MESSAGES);
            assertThat(Json.texts(received, "roomId")).containsOnly(member.roomId());
            assertThat(Json.texts(received, "messageId")).doesNotHaveDuplicates();
            Map<String, List<Integer>> perSender = new LinkedHashMap<>();
            for (JsonNode event : received) {
                String[] parts = event.path("content").asText().split(" ");
                assertThat(parts[1]).isEqualTo(event.path("userId").asText());
                perSender.computeIfAbsent(parts[1], s -> new ArrayList<>()).add(Integer.parseInt(parts[2]));
            }
            assertThat(perSender).hasSize(MEMBERS);
            perSender.forEach((sender, seqs) -> assertThat(seqs)
                    .as("order of %s's messages as %s received them", sender, member.userId())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8));
            List<String> order = Json.texts(received, "messageId");
            List<String> seenBefore = liveOrder.putIfAbsent(member.roomId(), order);
            if (seenBefore != null) {
                assertThat(order).as("every member of a room sees the same order").containsExactlyElementsOf(seenBefore);
            }
        }

        // Nothing more arrives: a last message in each room, once received, follows exactly the 32.
        String done = "done " + run;
        readerOfRoom.forEach((roomId, host) -> members.stream()
                .filter(m -> m.userId().equals(host)).findFirst().orElseThrow().socket().say(done));
        for (Member member : members) {
            member.socket().awaitMessage(done);
            assertThat(member.socket().frames().stream().filter(ofThisRun)).hasSize(MEMBERS * MESSAGES);
        }
        return new Outcome(run, readerOfRoom, liveOrder);
    }

    @Test
    void concurrentSendersLoseNothingAndKeepTheirOrder() throws Exception {
        Outcome outcome = everyoneSendsAtOnce();
        assertThat(outcome.liveOrder()).hasSize(ROOMS);
        outcome.readerOfRoom().forEach((roomId, reader) -> assertThat(api.history(roomId, reader).stream()
                .filter(m -> m.path("content").asText().startsWith(outcome.run())).map(m -> m.path("messageId").asText()))
                .as("the room's history holds what its members received")
                .containsExactlyInAnyOrderElementsOf(outcome.liveOrder().get(roomId)));
    }

    @Test
    void messagesAreSentInTheOrderTheHistoryLists() throws Exception {
        Outcome outcome = everyoneSendsAtOnce();
        outcome.readerOfRoom().forEach((roomId, reader) -> {
            List<JsonNode> history = api.history(roomId, reader).stream()
                    .filter(m -> m.path("content").asText().startsWith(outcome.run())).toList();
            assertThat(Json.texts(history, "messageId").reversed()).as("the room's history, oldest first, is the order its members saw")
                    .containsExactlyElementsOf(outcome.liveOrder().get(roomId));
        });
    }
}
