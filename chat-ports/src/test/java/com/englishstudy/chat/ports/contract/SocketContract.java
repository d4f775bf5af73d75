package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.ChatClient.q;
import static com.englishstudy.chat.ports.contract.SocketClient.isEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket API of SPEC 5 with the default settings: broadcast to the room and only the room, content kept
 * as sent, ping, refused frames (identity, type, shape, length) answered with an error event to the sender
 * alone and nothing stored, idempotent sends, the rate limit, and the room's status.
 */
public abstract class SocketContract extends ContractBase {

    /** A room with a host and a guest, each with one open socket. */
    private record Pair(String roomId, String host, String guest, SocketClient hostSocket, SocketClient guestSocket) {}

    private Pair pair() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        SocketClient hostSocket = api.enter(roomId, host);
        api.join(roomId, guest);
        hostSocket.awaitEvent("presence");
        SocketClient guestSocket = api.enter(roomId, guest);
        return new Pair(roomId, host, guest, hostSocket, guestSocket);
    }

    private static List<String> contents(List<JsonNode> frames) {
        return frames.stream().filter(isEvent("message")).map(f -> f.path("content").asText()).toList();
    }

    @Test
    void aMessageReachesEveryConnectionOfTheRoomAndNoOther() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        SocketClient tab1 = api.enter(roomId, host);
        SocketClient tab2 = api.enter(roomId, host);
        api.join(roomId, guest);
        SocketClient guestSocket = api.enter(roomId, guest);
        String otherHost = uid("other");
        String otherRoom = api.newRoom(otherHost);
        SocketClient outsider = api.enter(otherRoom, otherHost);

        tab1.sendJson("action", "sendMessage", "content", "Hello, everyone!", "messageType", "TEXT",
                "clientMessageId", "hello-1");
        List<JsonNode> received = new ArrayList<>();
        for (SocketClient socket : List.of(tab1, tab2, guestSocket)) {
            JsonNode event = socket.awaitMessage("Hello, everyone!");
            RoomShapes.assertMessageEvent(event);
            assertThat(event.path("roomId").asText()).isEqualTo(roomId);
            assertThat(event.path("userId").asText()).isEqualTo(host);
            assertThat(event.path("messageType").asText()).isEqualTo("TEXT");
            assertThat(event.path("clientMessageId").asText()).isEqualTo("hello-1");
            assertThat(event.path("createdAt").asText()).matches(Json.ISO_MILLIS);
            received.add(event);
        }
        assertThat(received).allSatisfy(e -> assertThat(e).isEqualTo(received.getFirst()));

        // Without a clientMessageId, the event has none.
        guestSocket.say("Hi!");
        JsonNode hi = tab2.awaitMessage("Hi!");
        RoomShapes.assertMessageEvent(hi);
        assertThat(hi.has("clientMessageId")).isFalse();
        assertThat(hi.path("userId").asText()).isEqualTo(guest);

        outsider.say("Anyone here?");
        outsider.awaitMessage("Anyone here?");
        assertThat(contents(outsider.frames())).containsExactly("Anyone here?");
        assertThat(contents(guestSocket.frames())).doesNotContain("Anyone here?");

        List<JsonNode> history = api.history(roomId, guest);
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("messageId").asText()).isEqualTo(received.getFirst().path("messageId").asText());
        assertThat(history.get(1).path("clientMessageId").asText()).isEqualTo("hello-1");
    }

    @Test
    void contentIsStoredAsSentAndReadNewestFirst() {
        Pair p = pair();
        List<String> sent = List.of(
                "Hello   world,\twith  inner   spaces\nand a second line",
                "\uC548\uB155\uD558\uC138\uC694! \uBC18\uAC00\uC6CC\uC694 \uD83D\uDE42",
                "emoji \uD83D\uDC4D\uD83C\uDFFD\uD83C\uDF89 and \"quotes\", a \\ backslash and <b>tags</b>");
        List<String> ids = new ArrayList<>();
        for (String content : sent) {
            p.hostSocket().say(content);
            ids.add(p.guestSocket().awaitMessage(content).path("messageId").asText());
        }
        List<JsonNode> history = api.history(p.roomId(), p.guest());
        assertThat(Json.texts(history, "content")).containsExactly(sent.get(2), sent.get(1), sent.get(0));
        assertThat(history.stream().map(m -> m.path("messageId").asText())).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(history).allSatisfy(m -> {
            assertThat(m.path("userId").asText()).isEqualTo(p.host());
            assertThat(m.path("roomId").asText()).isEqualTo(p.roomId());
            assertThat(m.path("messageType").asText()).isEqualTo("TEXT");
        });
        List<String> createdAt = history.stream().map(m -> m.path("createdAt").asText()).toList();
        assertThat(createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void aBrowsersOfferToCompressIsDeclined() {
        // Browsers offer permessage-deflate on every socket. Declining it keeps a broadcast encoded once for all
        // receivers (compression would run per receiver) and the same as API Gateway, which never compresses.
        String roomId = api.newRoom(uid("host"));
        String head = api.rawUpgradeHead(api.token(roomId, uid("guest")),
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        assertThat(head).startsWith("HTTP/1.1 101");
        assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
    }

    @Test
    void pingIsAnsweredWithPong() {
        Pair p = pair();
        p.guestSocket().assertAnswersPing();
        p.guestSocket().assertAnswersPing();
        assertThat(p.hostSocket().frames().stream().filter(isEvent("pong"))).isEmpty();
    }

    @Test
    void aFrameNamingAnotherUserOrRoomIsRefusedAndReachesNoOne() {
        Pair p = pair();
        String otherHost = uid("other");
        String otherRoom = api.newRoom(otherHost);
        SocketClient otherSocket = api.enter(otherRoom, otherHost);

        p.hostSocket().sendJson("action", "sendMessage", "content", "forged as the guest", "userId", p.guest());
        p.hostSocket().awaitError(403);
        p.hostSocket().sendJson("action", "sendMessage", "content", "forged into another room", "roomId", otherRoom);
        p.hostSocket().awaitError(403);
        p.hostSocket().sendJson("action", "sendMessage", "content", "forged into the tutor", "userId", "ai-tutor");
        p.hostSocket().awaitError(403);
        // The seed's frame carries the connection's own ids: that is fine.
        p.hostSocket().sendJson("action", "sendMessage", "content", "with my own ids", "roomId", p.roomId(), "userId", p.host());
        p.guestSocket().awaitMessage("with my own ids");
        otherSocket.say("sentinel");
        otherSocket.awaitMessage("sentinel");

        assertThat(contents(p.guestSocket().frames())).containsExactly("with my own ids");
        assertThat(p.guestSocket().frames().stream().filter(isEvent("error"))).isEmpty();
        assertThat(contents(otherSocket.frames())).containsExactly("sentinel");
        assertThat(Json.texts(api.history(p.roomId(), p.host()), "content")).containsExactly("with my own ids");
        assertThat(Json.texts(api.history(otherRoom, otherHost), "content")).containsExactly("sentinel");
    }

    @Test
    void aClientCannotSendAnAiResponse() {
        Pair p = pair();
        p.hostSocket().sendJson("action", "sendMessage", "content", "I am the tutor", "messageType", "AI_RESPONSE");
        p.hostSocket().awaitError(400);
        p.hostSocket().sendJson("action", "sendMessage", "content", "a picture", "messageType", "IMAGE");
        p.hostSocket().sendJson("action", "sendMessage", "content", "a recording", "messageType", "VOICE");
        assertThat(p.guestSocket().awaitMessage("a picture").path("messageType").asText()).isEqualTo("IMAGE");
        assertThat(p.guestSocket().awaitMessage("a recording").path("messageType").asText()).isEqualTo("VOICE");
        assertThat(contents(p.guestSocket().frames())).containsExactly("a picture", "a recording");
        assertThat(Json.texts(api.history(p.roomId(), p.guest()), "content")).containsExactly("a recording", "a picture");
    }

    @Test
    void malformedFramesGetAnErrorAndTheSocketStaysOpen() {
        Pair p = pair();
        for (String frame : List.of("{not json", "[]", "\"hello\"", "42", "{}", "{\"action\":\"dance\"}",
                "{\"action\":5}", "{\"action\":\"ping\",\"action\":\"sendMessage\"}")) {
            p.hostSocket().send(frame);
            p.hostSocket().awaitError(400);
        }
        p.hostSocket().assertAnswersPing();
        p.hostSocket().say("still here");
        p.guestSocket().awaitMessage("still here");
        assertThat(p.hostSocket().isClosed()).isFalse();
        assertThat(contents(p.guestSocket().frames())).containsExactly("still here");
    }

    @Test
    void invalidMessagesGetAnErrorAndNothingIsStored() {
        Pair p = pair();
        SocketClient host = p.hostSocket();
        host.sendJson("action", "sendMessage");
        host.awaitError(400);
        host.sendJson("action", "sendMessage", "content", "");
        host.awaitError(400);
        host.sendJson("action", "sendMessage", "content", 5);
        host.awaitError(400);
        host.sendJson("action", "sendMessage", "content", "a video", "messageType", "VIDEO");
        host.awaitError(400);
        host.sendJson("action", "sendMessage", "content", "long key", "clientMessageId", "k".repeat(65));
        host.awaitError(400);
        // Half of a surrogate pair, as JSON may escape it: no UTF-8 text can hold it, so it could not be stored as sent.
        host.send("{\"action\":\"sendMessage\",\"content\":\"half \\ud83d of an emoji\"}");
        host.awaitError(400);
        host.send("{\"action\":\"sendMessage\",\"content\":\"odd key\",\"clientMessageId\":\"k\\udc00\"}");
        host.awaitError(400);
        host.say("valid at last");
        p.guestSocket().awaitMessage("valid at last");
        assertThat(contents(p.guestSocket().frames())).containsExactly("valid at last");
        assertThat(api.history(p.roomId(), p.host())).hasSize(1);
    }

    @Test
    void contentIsLimitedTo2000CodePoints() {
        Pair p = pair();
        String emoji = "\uD83D\uDE00";
        p.hostSocket().say("a".repeat(2001));
        p.hostSocket().awaitError(400);
        p.hostSocket().say(emoji.repeat(2001));
        p.hostSocket().awaitError(400);

        String longest = emoji.repeat(2000);
        p.hostSocket().say(longest);
        JsonNode event = p.guestSocket().awaitMessage(longest);
        assertThat(event.path("content").asText().codePointCount(0, event.path("content").asText().length())).isEqualTo(2000);
        List<JsonNode> history = api.history(p.roomId(), p.guest());
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().path("content").asText()).isEqualTo(longest);
    }

    @Test
    void aRepeatedClientMessageIdIsStoredAndBroadcastOnce() {
        Pair p = pair();
        String key = uid("key");
        Predicate<JsonNode> withKey = isEvent("message").and(f -> key.equals(f.path("clientMessageId").asText(null)));

        p.hostSocket().sendJson("action", "sendMessage", "content", "only once", "clientMessageId", key);
        JsonNode original = p.guestSocket().awaitMessage("only once");
        assertThat(p.hostSocket().awaitMessage("only once")).isEqualTo(original);

        p.hostSocket().sendJson("action", "sendMessage", "content", "only once (retry)", "clientMessageId", key);
        JsonNode repeat = p.hostSocket().await("the repeat's answer", withKey);
        assertThat(repeat).as("the repeat is answered with the original message event").isEqualTo(original);

        p.hostSocket().say("after the retry");
        p.guestSocket().awaitMessage("after the retry");
        assertThat(p.guestSocket().frames().stream().filter(withKey)).hasSize(1);
        assertThat(p.hostSocket().frames().stream().filter(withKey)).hasSize(2);

        // The same key from another user is another message.
        p.guestSocket().sendJson("action", "sendMessage", "content", "mine too", "clientMessageId", key);
        JsonNode guests = p.hostSocket().awaitMessage("mine too");
        assertThat(guests.path("messageId").asText()).isNotEqualTo(original.path("messageId").asText());

        List<JsonNode> history = api.history(p.roomId(), p.host());
        assertThat(Json.texts(history, "content")).containsExactly("mine too", "after the retry", "only once");
    }

    @Test
    void aBurstMeetsTheRateLimitWithoutClosingTheSocket() {
        Pair p = pair();
        int burst = 40;
        long start = System.nanoTime();
        for (int i = 0; i < burst; i++) p.hostSocket().say("burst " + i);
        Predicate<JsonNode> burstMessage = isEvent("message").and(f -> f.path("content").asText().startsWith("burst "));
        List<JsonNode> answers = p.hostSocket().awaitAll("an answer to each of the " + burst + " frames",
                burstMessage.or(isEvent("error")), burst);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<JsonNode> errors = answers.stream().filter(isEvent("error")).toList();
        List<JsonNode> accepted = answers.stream().filter(burstMessage).toList();
        assertThat(errors).as("frames over the limit").isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("status").intValue()).isEqualTo(429));
        assertThat(accepted.size()).as("accepted: the burst of 10, plus 5/s refill over %.2f s", seconds)
                .isBetween(10, 10 + (int) Math.ceil(5 * seconds) + 1);

        // The socket is open, and a ping takes no token.
        p.hostSocket().assertAnswersPing();
        // Everyone got what was stored, and only that.
        p.guestSocket().say("sentinel");
        p.guestSocket().awaitMessage("sentinel");
        List<String> broadcast = p.guestSocket().frames().stream().filter(burstMessage).map(f -> f.path("content").asText()).toList();
        assertThat(broadcast).containsExactlyElementsOf(accepted.stream().map(f -> f.path("content").asText()).toList());
        assertThat(p.guestSocket().frames().stream().filter(isEvent("error"))).isEmpty();
        List<String> stored = Json.texts(api.history(p.roomId(), p.guest()), "content").stream()
                .filter(c -> c.startsWith("burst ")).toList();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(broadcast);
    }

    @Test
    void aRoomIsCreatedUntilItsFirstMessageThenActive() {
        Pair p = pair();
        JsonNode before = api.room(p.roomId());
        assertThat(before.path("status").asText()).isEqualTo("created");
        assertThat(before.path("lastMessageAt").asText()).isEqualTo(before.path("createdAt").asText());
        assertThat(summary(p.host(), p.roomId()).path("status").asText()).isEqualTo("created");

        p.hostSocket().say("first!");
        JsonNode first = p.guestSocket().awaitMessage("first!");
        JsonNode active = api.room(p.roomId());
        assertThat(active.path("status").asText()).isEqualTo("active");
        assertThat(active.path("lastMessageAt").asText()).isEqualTo(first.path("createdAt").asText());
        assertThat(active.path("createdAt").asText()).isEqualTo(before.path("createdAt").asText());
        JsonNode listed = summary(p.host(), p.roomId());
        assertThat(listed.path("status").asText()).isEqualTo("active");
        assertThat(listed.path("lastMessageAt").asText()).isEqualTo(first.path("createdAt").asText());

        // Later messages move lastMessageAt forward, never back; a store may coarsen that to a short window
        // (the DynamoDB adapter writes it at most once per few seconds: docs/decisions/0005).
        p.guestSocket().say("second!");
        JsonNode second = p.hostSocket().awaitMessage("second!");
        assertThat(api.room(p.roomId()).path("lastMessageAt").asText())
                .isGreaterThanOrEqualTo(first.path("createdAt").asText())
                .isLessThanOrEqualTo(second.path("createdAt").asText());
    }

    private JsonNode summary(String userId, String roomId) {
        JsonNode rooms = api.get("rooms?joined=true&limit=20&userId=" + q(userId)).ok200("Rooms retrieved").path("rooms");
        return Json.list(rooms).stream().filter(r -> r.path("roomId").asText().equals(roomId)).findFirst()
                .orElseThrow(() -> new AssertionError("room " + roomId + " is not listed for " + userId));
    }
}
