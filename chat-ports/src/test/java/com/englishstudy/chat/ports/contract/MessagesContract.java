package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.ChatClient.q;
import static com.englishstudy.chat.ports.contract.ChatClient.seg;
import static com.englishstudy.chat.ports.contract.SocketClient.isEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Message history over REST (SPEC 4): a room's messages for its members and a user's own across rooms, newest
 * first, paged with cursors bound to their listing, and the limit's bounds. Its server has a high rate limit,
 * so tests can write a hundred messages quickly.
 */
public abstract class MessagesContract extends ContractBase {

    @Override
    protected Map<String, String> serverSettings() {
        return Map.of("RATE_LIMIT_PER_SECOND", "1000", "RATE_LIMIT_BURST", "1000");
    }

    /** Sends the messages in order from this socket and waits until all came back; returns their events. */
    private static List<JsonNode> sendAll(SocketClient socket, List<String> contents) {
        for (String content : contents) socket.say(content);
        List<JsonNode> events = socket.awaitAll(contents.size() + " messages",
                isEvent("message").and(f -> contents.contains(f.path("content").asText())), contents.size());
        assertThat(Json.texts(events, "content")).containsExactlyElementsOf(contents);
        return events;
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> contents = new ArrayList<>();
        for (int i = 1; i <= count; i++) contents.add(prefix + " " + i);
        return contents;
    }

    private JsonNode page(String path) {
        JsonNode data = api.get(path).ok200("Messages retrieved");
        RoomShapes.assertPage(data, "messages");
        Json.list(data.path("messages")).forEach(RoomShapes::assertMessage);
        return data;
    }

    /** Every message of a listing, following cursors; checks page sizes and that nothing repeats. */
    private List<JsonNode> pageThrough(String path, int limit, List<Integer> sizes) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            JsonNode page = page(path + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + q(cursor)));
            sizes.add(page.path("messages").size());
            all.addAll(Json.list(page.path("messages")));
            if (!page.path("hasMore").booleanValue()) {
                assertThat(Json.texts(all, "messageId")).doesNotHaveDuplicates();
                return all;
            }
            cursor = page.path("nextCursor").asText();
        }
        throw new AssertionError("paging through " + path + " did not end");
    }

    @Test
    void roomHistoryPagesNewestFirstReturningEachMessageOnce() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        api.join(roomId, guest);
        List<String> sent = numbered("message", 25);
        List<JsonNode> events = sendAll(api.enter(roomId, host), sent);

        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> paged = pageThrough("rooms/" + seg(roomId) + "/messages?userId=" + q(guest), 7, sizes);
        assertThat(sizes).containsExactly(7, 7, 7, 4);
        assertThat(Json.texts(paged, "content")).containsExactlyElementsOf(sent.reversed());
        assertThat(Json.texts(paged, "messageId")).containsExactlyElementsOf(Json.texts(events, "messageId").reversed());
        // Default page: 20.
        assertThat(page("rooms/" + seg(roomId) + "/messages?userId=" + q(host)).path("messages").size()).isEqualTo(20);
    }

    @Test
    void limitAboveOneHundredIsOneHundred() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        sendAll(api.enter(roomId, host), numbered("many", 101));
        JsonNode page = page("rooms/" + seg(roomId) + "/messages?limit=1000&userId=" + q(host));
        assertThat(page.path("messages").size()).isEqualTo(100);
        assertThat(page.path("hasMore").booleanValue()).isTrue();
        assertThat(page.path("messages").get(0).path("content").asText()).isEqualTo("many 101");
        JsonNode mine = page("users/" + seg(host) + "/messages?limit=1000");
        assertThat(mine.path("messages").size()).isEqualTo(100);
    }

    @ParameterizedTest(name = "limit={0} -> 400")
    @ValueSource(strings = {"0", "-1", "abc", "2.5"})
    void limitOutOfRangeIsA400(String limit) {
        String host = uid("host");
        String roomId = api.newRoom(host);
        api.get("rooms/" + seg(roomId) + "/messages?userId=" + q(host) + "&limit=" + q(limit)).failed(400);
        api.get("users/" + seg(host) + "/messages?limit=" + q(limit)).failed(400);
    }

    @Test
    void onlyMembersReadARoomsMessages() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        String path = "rooms/" + seg(roomId) + "/messages";
        api.get(path + "?userId=" + q(uid("stranger"))).failed(403);
        api.get(path).failed(400);
        api.get(path + "?userId=").failed(400);
        api.get(path + "?userId=" + q("a b")).failed(400);
        api.get(path + "?userId=" + q("u".repeat(65))).failed(400);
        api.get("rooms/" + seg(uid("no-such-room")) + "/messages?userId=" + q(host)).failed(404);
        assertThat(page(path + "?userId=" + q(host)).path("messages").size()).isZero();
    }

    @Test
    void aUsersMessagesAcrossRoomsNewestFirst() {
        String ann = uid("ann");
        String bob = uid("bob");
        String first = api.newRoom(ann);
        String second = api.newRoom(bob, "level", "advanced");
        api.join(first, bob);
        api.join(second, ann);
        SocketClient annInFirst = api.enter(first, ann);
        SocketClient annInSecond = api.enter(second, ann);
        SocketClient bobInFirst = api.enter(first, bob);

        List<String> expectedNewestFirst = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            for (SocketClient socket : List.of(annInFirst, annInSecond)) {
                String content = "ann " + i + (socket == annInFirst ? " in first" : " in second");
                socket.say(content);
                socket.awaitMessage(content);
                expectedNewestFirst.addFirst(content);
            }
            bobInFirst.say("bob " + i);
            bobInFirst.awaitMessage("bob " + i);
        }

        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> mine = pageThrough("users/" + seg(ann) + "/messages?x=1", 4, sizes);
        assertThat(sizes).containsExactly(4, 2);
        assertThat(Json.texts(mine, "content")).containsExactlyElementsOf(expectedNewestFirst);
        assertThat(Json.texts(mine, "userId")).containsOnly(ann);
        assertThat(Json.texts(mine, "roomId")).containsOnly(first, second);

        assertThat(page("users/" + seg(uid("quiet")) + "/messages?limit=5").path("messages").size()).isZero();
        api.get("users/" + seg("a b") + "/messages").failed(400);
        // No user may act as the tutor (SPEC 3), so none reads the tutor's messages of every room.
        api.get("users/ai-tutor/messages").failed(403);
        api.get("users/" + seg("u".repeat(65)) + "/messages").failed(400);
    }

    @Test
    void madeUpChangedOrForeignCursorsAreA400() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        String otherRoom = api.newRoom(host);
        sendAll(api.enter(roomId, host), numbered("cursor", 3));
        sendAll(api.enter(otherRoom, host), numbered("other", 3));

        String roomPath = "rooms/" + seg(roomId) + "/messages?limit=1&userId=" + q(host);
        String cursor = page(roomPath).path("nextCursor").asText();
        assertThat(page(roomPath + "&cursor=" + q(cursor)).path("messages").get(0).path("content").asText()).isEqualTo("cursor 2");

        for (String forged : List.of("abc", "abc.def", "x".repeat(3000), cursor + "A", cursor.substring(1))) {
            api.get(roomPath + "&cursor=" + q(forged)).failed(400);
        }
        for (int i = 0; i < cursor.length(); i++) {
            char other = cursor.charAt(i) == 'A' ? 'B' : 'A';
            api.get(roomPath + "&cursor=" + q(cursor.substring(0, i) + other + cursor.substring(i + 1))).failed(400);
        }
        // A cursor of one listing is refused by every other.
        api.get("rooms/" + seg(otherRoom) + "/messages?limit=1&userId=" + q(host) + "&cursor=" + q(cursor)).failed(400);
        api.get("users/" + seg(host) + "/messages?limit=1&cursor=" + q(cursor)).failed(400);
        api.get("rooms?limit=1&cursor=" + q(cursor)).failed(400);

        String userCursor = page("users/" + seg(host) + "/messages?limit=1").path("nextCursor").asText();
        api.get("users/" + seg(uid("someone-else")) + "/messages?limit=1&cursor=" + q(userCursor)).failed(400);
        api.get(roomPath + "&cursor=" + q(userCursor)).failed(400);
    }
}
