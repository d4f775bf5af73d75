package com.englishstudy.chat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rooms and members made over REST, as clients make them: public rooms (no BCrypt), each created by its
 * first member, then one join per member (the creator's rejoin gives it a token too). A few requests run
 * at once.
 */
final class Rooms {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One member: {@code global} numbers members room by room, so its room is global / membersPerRoom. */
    record Member(int global, int room, int indexInRoom, String roomId, String userId, String token) {}

    private final String baseUrl;
    private final HttpClient http;
    private final int parallelism;

    Rooms(String baseUrl, int parallelism) {
        this.baseUrl = baseUrl;
        this.parallelism = parallelism;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String userId(int room, int index) {
        return "b" + room + "-" + index;
    }

    /** Creates {@code rooms} rooms of {@code members} members each and returns every member with a fresh token. */
    List<Member> createAndJoin(int rooms, int members) throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            List<Future<String>> created = new ArrayList<>(rooms);
            for (int r = 0; r < rooms; r++) {
                int room = r;
                created.add(pool.submit(() -> createRoom(room, members)));
            }
            List<String> roomIds = new ArrayList<>(rooms);
            for (Future<String> f : created) roomIds.add(get(f));

            List<Future<Member>> joined = new ArrayList<>(rooms * members);
            // Join in room-major order, so each room fills up while the others wait less.
            for (int r = 0; r < rooms; r++) {
                for (int i = 0; i < members; i++) {
                    int room = r;
                    int index = i;
                    joined.add(pool.submit(() -> join(room, index, members, roomIds.get(room))));
                }
            }
            List<Member> all = new ArrayList<>(rooms * members);
            for (Future<Member> f : joined) all.add(get(f));
            return all;
        }
    }

    private static <T> T get(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Room setup failed: " + e.getCause(), e.getCause());
        }
    }

    private String createRoom(int room, int members) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("name", "bench room " + room)
                .put("description", "chat-bench load")
                .put("level", "intermediate")
                .put("maxMembers", Math.max(2, members))
                .put("isPrivate", false)
                .put("createdBy", userId(room, 0));
        JsonNode data = post("/rooms", body, 201);
        return data.path("roomId").asText();
    }

    private Member join(int room, int index, int members, String roomId) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("userId", userId(room, index));
        JsonNode data = post("/rooms/" + roomId + "/join", body, 200);
        String token = data.path("roomToken").asText(null);
        if (token == null) throw new IllegalStateException("No roomToken in join answer: " + data);
        return new Member(room * members + index, room, index, roomId, userId(room, index), token);
    }

    /** A member's second connection (a new tab): joining again gives a fresh token. */
    String rejoin(String roomId, String userId) throws IOException, InterruptedException {
        JsonNode data = post("/rooms/" + roomId + "/join", JSON.createObjectNode().put("userId", userId), 200);
        return data.path("roomToken").asText();
    }

    private JsonNode post(String path, ObjectNode body, int expected) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("data");
    }
}
