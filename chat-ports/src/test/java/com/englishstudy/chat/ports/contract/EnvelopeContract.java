package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.ChatClient.seg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC 2 and POST /rooms of SPEC 4: the success and failure envelopes, JSON content type, unknown routes,
 * the 64 KiB limit, and every kind of bad input to room creation answered with its 4xx and changing nothing.
 */
public abstract class EnvelopeContract extends ContractBase {

    @Test
    void healthAnswersOk() {
        JsonNode data = api.get("health").ok(200, "ok");
        assertThat(data.isObject()).as("health data").isTrue();
    }

    static Stream<Arguments> unknownRoutes() {
        return Stream.of(
                Arguments.of("GET", "nope"),
                Arguments.of("GET", "rooms/some-room/nope"),
                Arguments.of("GET", "rooms/a/b/c"),
                Arguments.of("POST", "health"),
                Arguments.of("PUT", "rooms"),
                Arguments.of("DELETE", "rooms"),
                Arguments.of("PATCH", "rooms/some-room"),
                Arguments.of("GET", "rooms/some-room/join"),
                Arguments.of("GET", "users/someone/rooms"),
                Arguments.of("POST", "users/someone/messages"),
                Arguments.of("GET", "messages/some-message/voice"));
    }

    @ParameterizedTest(name = "{0} /{1} -> 404")
    @MethodSource("unknownRoutes")
    void unknownRouteIsA404Envelope(String method, String path) {
        byte[] body = method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8);
        api.exchange(method, path, body).failed(404);
    }

    @Test
    void unknownRoomIsA404() {
        api.get("rooms/" + uid("no-such-room")).failed(404);
    }

    @Test
    void createdRoomIsItsCreatorsAndReadsBackTheSame() {
        String creator = uid("creator");
        String name = "Morning talk " + uid("n");
        JsonNode room = api.post("rooms", Json.obj("name", name, "description", "Small talk before work",
                "level", "Intermediate", "createdBy", creator)).ok(201, "Room created");
        RoomShapes.assertDetail(room);
        assertThat(room.path("name").asText()).isEqualTo(name);
        assertThat(room.path("description").asText()).isEqualTo("Small talk before work");
        assertThat(room.path("level").asText()).isEqualTo("intermediate");
        assertThat(room.path("currentMembers").intValue()).isEqualTo(1);
        assertThat(room.path("maxMembers").intValue()).as("default maxMembers").isEqualTo(6);
        assertThat(room.path("isPrivate").booleanValue()).isFalse();
        assertThat(room.path("status").asText()).isEqualTo("created");
        assertThat(room.path("createdBy").asText()).isEqualTo(creator);
        assertThat(room.path("memberIds").size()).isEqualTo(1);
        assertThat(room.path("memberIds").get(0).asText()).isEqualTo(creator);
        assertThat(room.path("lastMessageAt").asText()).as("lastMessageAt starts at createdAt")
                .isEqualTo(room.path("createdAt").asText());

        assertThat(api.room(room.path("roomId").asText())).isEqualTo(room);
    }

    @Test
    void privateRoomKeepsItsPasswordToItself() {
        JsonNode room = api.createRoom(uid("creator"), "isPrivate", true, "password", "s3cret-pass", "maxMembers", 3);
        assertThat(room.path("isPrivate").booleanValue()).isTrue();
        assertThat(room.path("maxMembers").intValue()).isEqualTo(3);
        // The leak check of every reply (no password key, no BCrypt hash) runs on these too.
        api.room(room.path("roomId").asText());
        api.get("rooms?limit=20").ok200("Rooms retrieved");
    }

    static Stream<Arguments> acceptedEdges() {
        return Stream.of(
                Arguments.of("name of 100 characters", Json.obj("name", "n".repeat(100))),
                Arguments.of("name of 100 emoji (code points)", Json.obj("name", "\uD83D\uDE00".repeat(100))),
                Arguments.of("description of 500 characters", Json.obj("description", "d".repeat(500))),
                Arguments.of("description null", Json.obj("description", null)),
                Arguments.of("maxMembers 2", Json.obj("maxMembers", 2)),
                Arguments.of("maxMembers 50", Json.obj("maxMembers", 50)),
                Arguments.of("level in upper case", Json.obj("level", "ADVANCED")),
                Arguments.of("isPrivate false with password null", Json.obj("isPrivate", false, "password", null)),
                Arguments.of("password of 4 characters", Json.obj("isPrivate", true, "password", "abcd")),
                Arguments.of("password of 72 UTF-8 bytes", Json.obj("isPrivate", true, "password", "\uAC00".repeat(24))),
                Arguments.of("createdBy of 64 characters", Json.obj("createdBy", "u".repeat(60) + "_.@-")));
    }

    @ParameterizedTest(name = "accepted: {0}")
    @MethodSource("acceptedEdges")
    void roomCreationAcceptsTheEdges(String label, Map<String, Object> change) {
        Map<String, Object> body = validRoom();
        body.putAll(change);
        JsonNode room = api.post("rooms", body).ok(201, "Room created");
        RoomShapes.assertDetail(room);
        if (change.containsKey("level")) assertThat(room.path("level").asText()).isEqualTo("advanced");
        if (change.containsKey("maxMembers")) assertThat(room.path("maxMembers")).isEqualTo(Json.MAPPER.valueToTree(change.get("maxMembers")));
    }

    private static Map<String, Object> validRoom() {
        return Json.obj("name", "Edge " + uid("room"), "level", "beginner", "createdBy", uid("creator"));
    }

    private static String validRoomWith(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = validRoom();
        change.accept(body);
        return Json.write(body);
    }

    static Stream<Arguments> badRooms() {
        String valid = Json.write(validRoom());
        List<Arguments> cases = new ArrayList<>(Arrays.asList(
                Arguments.of("malformed JSON", valid.substring(0, valid.length() - 1)),
                Arguments.of("a JSON array", "[" + valid + "]"),
                Arguments.of("an empty body", ""),
                Arguments.of("JSON null", "null"),
                Arguments.of("a JSON string", "\"a room\""),
                Arguments.of("trailing data after the object", valid + " {}"),
                Arguments.of("a duplicate key", "{\"name\":\"a\"," + valid.substring(1)),
                Arguments.of("maxMembers as a string", validRoomWith(b -> b.put("maxMembers", "6"))),
                Arguments.of("maxMembers as a fraction", validRoomWith(b -> b.put("maxMembers", 6.5))),
                Arguments.of("maxMembers beyond int", validRoomWith(b -> b.put("maxMembers", 2147483648L))),
                Arguments.of("isPrivate as a string", validRoomWith(b -> b.put("isPrivate", "yes"))),
                Arguments.of("isPrivate as a number", validRoomWith(b -> b.put("isPrivate", 1))),
                Arguments.of("name as a number", validRoomWith(b -> b.put("name", 5))),
                Arguments.of("name as an array", validRoomWith(b -> b.put("name", List.of("a")))),
                Arguments.of("level as a number", validRoomWith(b -> b.put("level", 3))),
                Arguments.of("createdBy as a number", validRoomWith(b -> b.put("createdBy", 7))),
                Arguments.of("description as a number", validRoomWith(b -> b.put("description", 1))),
                Arguments.of("password as a number", validRoomWith(b -> {
                    b.put("isPrivate", true);
                    b.put("password", 12345);
                })),
                Arguments.of("no name", validRoomWith(b -> b.remove("name"))),
                Arguments.of("name null", validRoomWith(b -> b.put("name", null))),
                Arguments.of("no level", validRoomWith(b -> b.remove("level"))),
                Arguments.of("no createdBy", validRoomWith(b -> b.remove("createdBy"))),
                Arguments.of("an invalid level", validRoomWith(b -> b.put("level", "expert"))),
                Arguments.of("an empty level", validRoomWith(b -> b.put("level", ""))),
                Arguments.of("an empty name", validRoomWith(b -> b.put("name", ""))),
                Arguments.of("a blank name", validRoomWith(b -> b.put("name", "   \t "))),
                Arguments.of("a name of 101 characters", validRoomWith(b -> b.put("name", "n".repeat(101)))),
                Arguments.of("a description of 501 characters", validRoomWith(b -> b.put("description", "d".repeat(501)))),
                // Half of a surrogate pair, escaped as JSON allows: no UTF-8 text can hold it.
                Arguments.of("a name with half a surrogate pair",
                        "{\"name\":\"room \\ud83d\",\"level\":\"beginner\",\"createdBy\":\"amy\"}"),
                Arguments.of("a description with half a surrogate pair",
                        "{\"name\":\"room\",\"description\":\"\\ude00 late\",\"level\":\"beginner\",\"createdBy\":\"amy\"}"),
                Arguments.of("maxMembers 1", validRoomWith(b -> b.put("maxMembers", 1))),
                Arguments.of("maxMembers 0", validRoomWith(b -> b.put("maxMembers", 0))),
                Arguments.of("maxMembers -1", validRoomWith(b -> b.put("maxMembers", -1))),
                Arguments.of("maxMembers 51", validRoomWith(b -> b.put("maxMembers", 51))),
                Arguments.of("private without password", validRoomWith(b -> b.put("isPrivate", true))),
                Arguments.of("private with password null", validRoomWith(b -> {
                    b.put("isPrivate", true);
                    b.put("password", null);
                })),
                Arguments.of("a password of 3 characters", validRoomWith(b -> {
                    b.put("isPrivate", true);
                    b.put("password", "abc");
                })),
                Arguments.of("a password of 73 UTF-8 bytes", validRoomWith(b -> {
                    b.put("isPrivate", true);
                    b.put("password", "\uAC00".repeat(24) + "a");
                })),
                Arguments.of("a public room with a password", validRoomWith(b -> b.put("password", "secret"))),
                Arguments.of("isPrivate false with a password", validRoomWith(b -> {
                    b.put("isPrivate", false);
                    b.put("password", "secret");
                })),
                Arguments.of("createdBy empty", validRoomWith(b -> b.put("createdBy", ""))),
                Arguments.of("createdBy of 65 characters", validRoomWith(b -> b.put("createdBy", "u".repeat(65)))),
                Arguments.of("createdBy with a space", validRoomWith(b -> b.put("createdBy", "a b"))),
                Arguments.of("createdBy with a slash", validRoomWith(b -> b.put("createdBy", "a/b"))),
                Arguments.of("createdBy with a non-ASCII letter", validRoomWith(b -> b.put("createdBy", "\uAE40")))));
        return cases.stream();
    }

    @ParameterizedTest(name = "400: {0}")
    @MethodSource("badRooms")
    void badRoomIsRefusedAndChangesNothing(String label, String body) {
        JsonNode before = firstPageOfRooms();
        api.post("rooms", body).failed(400);
        assertThat(firstPageOfRooms()).as("rooms after a refused create (%s)", label).isEqualTo(before);
    }

    @Test
    void nobodyMayCreateAsTheTutor() {
        JsonNode before = firstPageOfRooms();
        api.post("rooms", validRoomWith(b -> b.put("createdBy", "ai-tutor"))).failed(403);
        assertThat(firstPageOfRooms()).isEqualTo(before);
    }

    @Test
    void bodyOver64KiBIsA413AndChangesNothing() {
        JsonNode before = firstPageOfRooms();
        api.post("rooms", jsonOfExactly(64 * 1024 + 1)).failed(413);
        assertThat(firstPageOfRooms()).isEqualTo(before);
        // Exactly 64 KiB is read (and refused for its over-long name, not for its size).
        api.post("rooms", jsonOfExactly(64 * 1024)).failed(400);
        assertThat(firstPageOfRooms()).isEqualTo(before);
    }

    @Test
    void everyBodyTakingRouteRefusesMalformedOrOversizedBodies() {
        String roomId = api.newRoom(uid("creator"));
        JsonNode before = api.room(roomId);
        for (String path : List.of("rooms/" + seg(roomId) + "/join", "rooms/" + seg(roomId) + "/leave",
                "rooms/" + seg(roomId) + "/ai", "messages/" + seg(uid("message")) + "/voice")) {
            api.post(path, "{\"userId\": ").failed(400);
            api.post(path, "[]").failed(400);
            api.post(path, "").failed(400);
            api.post(path, jsonOfExactly(64 * 1024 + 1)).failed(413);
        }
        assertThat(api.room(roomId)).isEqualTo(before);
    }

    /** A room body whose JSON is exactly {@code size} bytes, padded in the name. */
    private static byte[] jsonOfExactly(int size) {
        String prefix = "{\"level\":\"beginner\",\"createdBy\":\"" + uid("big") + "\",\"name\":\"";
        String suffix = "\"}";
        String json = prefix + "n".repeat(size - prefix.length() - suffix.length()) + suffix;
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    private JsonNode firstPageOfRooms() {
        return api.get("rooms?limit=20").ok200("Rooms retrieved");
    }
}
