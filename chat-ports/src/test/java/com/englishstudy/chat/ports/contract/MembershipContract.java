package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.ChatClient.q;
import static com.englishstudy.chat.ports.contract.ChatClient.seg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Join, leave and delete over REST (SPEC 4, 6): capacity under concurrent joins, free rejoin with a new token,
 * private room passwords, who may leave and delete, the last member leaving, and bad input changing nothing.
 */
public abstract class MembershipContract extends ContractBase {

    @Test
    void twentyConcurrentJoinsFillASixPlaceRoomExactly() throws Exception {
        String creator = uid("host");
        String roomId = api.newRoom(creator, "maxMembers", 6);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) users.add(uid("joiner"));

        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(users.size())) {
            for (String user : users) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return api.tryJoin(roomId, user, null);
                }));
            }
            go.countDown();
            List<String> admitted = new ArrayList<>();
            int full = 0;
            for (int i = 0; i < users.size(); i++) {
                Reply reply = replies.get(i).get(20, TimeUnit.SECONDS);
                if (reply.status() == 200) {
                    reply.ok200("Joined room");
                    admitted.add(users.get(i));
                } else {
                    reply.failed(409);
                    full++;
                }
            }
            assertThat(admitted).hasSize(5);
            assertThat(full).isEqualTo(15);

            JsonNode room = api.room(roomId);
            assertThat(room.path("currentMembers").intValue()).isEqualTo(6);
            List<String> members = Json.list(room.path("memberIds")).stream().map(JsonNode::asText).toList();
            assertThat(members).hasSize(6).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(Stream.of(creator), admitted.stream()).toList());
        }
    }

    @Test
    void aMemberRejoinsFreelyWithANewTokenEvenWhenTheRoomIsFull() {
        String creator = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(creator, "maxMembers", 2, "isPrivate", true, "password", "open sesame");
        JsonNode first = api.join(roomId, guest, "open sesame");
        assertThat(first.path("room").path("currentMembers").intValue()).isEqualTo(2);
        api.tryJoin(roomId, uid("late"), "open sesame").failed(409);

        JsonNode again = api.join(roomId, guest, null);
        JsonNode creatorAgain = api.join(roomId, creator, "wrong password is not even checked");
        assertThat(again.path("roomToken").asText()).isNotEqualTo(first.path("roomToken").asText());
        assertThat(creatorAgain.path("roomToken").asText()).isNotIn(first.path("roomToken").asText(), again.path("roomToken").asText());
        assertThat(again.path("room").path("currentMembers").intValue()).isEqualTo(2);
        assertThat(api.room(roomId).path("memberIds").size()).isEqualTo(2);
    }

    @Test
    void joinAnswersWithTheRoomAndAToken() {
        String roomId = api.newRoom(uid("host"), "level", "advanced");
        String guest = uid("guest");
        long before = System.currentTimeMillis() / 1000;
        JsonNode data = api.join(roomId, guest);
        JsonNode room = data.path("room");
        assertThat(room.path("roomId").asText()).isEqualTo(roomId);
        assertThat(room.path("currentMembers").intValue()).isEqualTo(2);
        assertThat(Json.list(room.path("memberIds")).stream().map(JsonNode::asText)).contains(guest);
        assertThat(data.path("tokenExpiresAt").longValue()).as("token lives ROOM_TOKEN_TTL_SECONDS (300)")
                .isBetween(before + 290, before + 310);
        assertThat(api.room(roomId)).isEqualTo(room);
    }

    @Test
    void privateRoomNeedsTheRightPassword() {
        String roomId = api.newRoom(uid("host"), "isPrivate", true, "password", "\uBE44\uBC00-pass");
        JsonNode before = api.room(roomId);
        api.tryJoin(roomId, uid("guest"), "wrong-pass").failed(403);
        api.tryJoin(roomId, uid("guest"), null).failed(403);
        api.post("rooms/" + seg(roomId) + "/join", Json.obj("userId", uid("guest"))).failed(403);
        api.post("rooms/" + seg(roomId) + "/join", Json.obj("userId", uid("guest"), "password", 1234)).failed(400);
        assertThat(api.room(roomId)).isEqualTo(before);

        String guest = uid("guest");
        JsonNode joined = api.join(roomId, guest, "\uBE44\uBC00-pass");
        assertThat(joined.path("room").path("currentMembers").intValue()).isEqualTo(2);
    }

    @Test
    void joiningAFullRoomIsA409AndChangesNothing() {
        String roomId = api.newRoom(uid("host"), "maxMembers", 2);
        api.join(roomId, uid("guest"));
        JsonNode before = api.room(roomId);
        api.tryJoin(roomId, uid("late"), null).failed(409);
        assertThat(api.room(roomId)).isEqualTo(before);
    }

    @Test
    void unknownRoomIsA404ForEveryRoomRoute() {
        String nowhere = uid("no-such-room");
        String user = uid("user");
        api.tryJoin(nowhere, user, null).failed(404);
        api.leave(nowhere, user).failed(404);
        api.deleteRoom(nowhere, user).failed(404);
        api.get("rooms/" + seg(nowhere) + "/messages?userId=" + q(user)).failed(404);
        api.get("rooms/" + seg(nowhere)).failed(404);
    }

    static Stream<Arguments> badMemberBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"userId\":", 400),
                Arguments.of("a JSON array", "[{\"userId\":\"someone\"}]", 400),
                Arguments.of("an empty body", "", 400),
                Arguments.of("no userId", "{}", 400),
                Arguments.of("userId as a number", "{\"userId\":5}", 400),
                Arguments.of("userId empty", "{\"userId\":\"\"}", 400),
                Arguments.of("userId of 65 characters", "{\"userId\":\"" + "u".repeat(65) + "\"}", 400),
                Arguments.of("userId with a space", "{\"userId\":\"a b\"}", 400),
                Arguments.of("userId ai-tutor", "{\"userId\":\"ai-tutor\"}", 403));
    }

    @ParameterizedTest(name = "join with {0} -> {2}")
    @MethodSource("badMemberBodies")
    void badJoinIsRefusedAndChangesNothing(String label, String body, int status) {
        String roomId = api.newRoom(uid("host"));
        JsonNode before = api.room(roomId);
        api.post("rooms/" + seg(roomId) + "/join", body).failed(status);
        assertThat(api.room(roomId)).isEqualTo(before);
    }

    @ParameterizedTest(name = "leave with {0} -> {2}")
    @MethodSource("badMemberBodies")
    void badLeaveIsRefusedAndChangesNothing(String label, String body, int status) {
        String roomId = api.newRoom(uid("host"));
        api.join(roomId, uid("guest"));
        JsonNode before = api.room(roomId);
        api.post("rooms/" + seg(roomId) + "/leave", body).failed(status);
        assertThat(api.room(roomId)).isEqualTo(before);
    }

    @Test
    void leavingTakesTheMemberOut() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        api.join(roomId, guest);

        JsonNode left = api.leave(roomId, guest).ok200("Left room");
        assertThat(Json.fieldNames(left)).containsExactlyInAnyOrder("roomId", "currentMembers", "roomDeleted");
        assertThat(left.path("roomId").asText()).isEqualTo(roomId);
        assertThat(left.path("currentMembers").intValue()).isEqualTo(1);
        assertThat(left.path("roomDeleted").booleanValue()).isFalse();
        JsonNode room = api.room(roomId);
        assertThat(Json.list(room.path("memberIds")).stream().map(JsonNode::asText)).containsExactly(host);

        api.leave(roomId, guest).failed(403);
        assertThat(api.room(roomId)).isEqualTo(room);
    }

    @Test
    void aNonMemberCannotLeave() {
        String roomId = api.newRoom(uid("host"));
        JsonNode before = api.room(roomId);
        api.leave(roomId, uid("stranger")).failed(403);
        assertThat(api.room(roomId)).isEqualTo(before);
    }

    @Test
    void theLastMemberLeavingDeletesTheRoom() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        api.join(roomId, guest);
        api.leave(roomId, host).ok200("Left room");
        // The creator left; the room lives on with its guest.
        assertThat(api.room(roomId).path("createdBy").asText()).isEqualTo(host);

        JsonNode left = api.leave(roomId, guest).ok200("Left room");
        assertThat(left.path("roomDeleted").booleanValue()).isTrue();
        assertThat(left.path("currentMembers").intValue()).isZero();
        api.get("rooms/" + seg(roomId)).failed(404);
        api.get("rooms/" + seg(roomId) + "/messages?userId=" + q(guest)).failed(404);
        api.tryJoin(roomId, guest, null).failed(404);
        assertThat(Json.texts(api.get("rooms?joined=true&userId=" + q(host)).ok200("Rooms retrieved").path("rooms"), "roomId"))
                .doesNotContain(roomId);
    }

    @Test
    void onlyTheCreatorMayDelete() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        api.join(roomId, guest);
        JsonNode before = api.room(roomId);

        api.deleteRoom(roomId, guest).failed(403);
        api.deleteRoom(roomId, uid("stranger")).failed(403);
        api.deleteRoom(roomId, "ai-tutor").failed(403);
        api.delete("rooms/" + seg(roomId)).failed(400);
        api.deleteRoom(roomId, "a b").failed(400);
        assertThat(api.room(roomId)).isEqualTo(before);

        JsonNode data = api.deleteRoom(roomId, host).ok(200, "Room deleted");
        assertThat(data.isNull()).as("data of a delete").isTrue();
        api.get("rooms/" + seg(roomId)).failed(404);
        api.get("rooms/" + seg(roomId) + "/messages?userId=" + q(guest)).failed(404);
        api.tryJoin(roomId, uid("late"), null).failed(404);
        api.leave(roomId, guest).failed(404);
        api.deleteRoom(roomId, host).failed(404);
    }

    @Test
    void theCreatorMayDeleteAfterLeaving() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        api.join(roomId, uid("guest"));
        api.leave(roomId, host).ok200("Left room");
        assertThat(api.deleteRoom(roomId, host).ok(200, "Room deleted").isNull()).isTrue();
        api.get("rooms/" + seg(roomId)).failed(404);
    }

    @Test
    void membersAreUniqueAndCountMatches() {
        String host = uid("host");
        String roomId = api.newRoom(host, "maxMembers", 4);
        Set<String> expected = new HashSet<>(List.of(host));
        for (int i = 0; i < 3; i++) {
            String guest = uid("guest");
            api.join(roomId, guest);
            api.join(roomId, guest);
            expected.add(guest);
        }
        JsonNode room = api.room(roomId);
        assertThat(room.path("currentMembers").intValue()).isEqualTo(4);
        assertThat(Json.list(room.path("memberIds")).stream().map(JsonNode::asText).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
