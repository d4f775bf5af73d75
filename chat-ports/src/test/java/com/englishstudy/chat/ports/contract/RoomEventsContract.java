package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.ChatClient.q;
import static com.englishstudy.chat.ports.contract.ChatClient.seg;
import static com.englishstudy.chat.ports.contract.SocketClient.isEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What membership changes do to open sockets (SPEC 4, 5): presence events on join and leave, the leaver's
 * sockets closed, {@code room_deleted} then close on delete, and a disconnect that leaves membership alone.
 */
public abstract class RoomEventsContract extends ContractBase {

    private static void assertPresence(JsonNode event, String roomId, String userId, String status, int members) {
        assertThat(Json.fieldNames(event)).as("presence %s", event)
                .containsExactlyInAnyOrder("event", "roomId", "userId", "status", "currentMembers");
        assertThat(event.path("roomId").asText()).isEqualTo(roomId);
        assertThat(event.path("userId").asText()).isEqualTo(userId);
        assertThat(event.path("status").asText()).isEqualTo(status);
        assertThat(event.path("currentMembers").isInt()).isTrue();
        assertThat(event.path("currentMembers").intValue()).isEqualTo(members);
    }

    @Test
    void aNewMemberIsAnnouncedToThoseConnected() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        SocketClient hostSocket = api.enter(roomId, host);

        api.join(roomId, guest);
        assertPresence(hostSocket.awaitEvent("presence"), roomId, guest, "joined", 2);

        // Rejoining changes no membership and announces nothing.
        SocketClient guestSocket = api.enter(roomId, guest);
        api.join(roomId, guest);
        api.join(roomId, host);
        guestSocket.say("sentinel");
        hostSocket.awaitMessage("sentinel");
        assertThat(hostSocket.frames().stream().filter(isEvent("presence"))).hasSize(1);
        assertThat(guestSocket.frames().stream().filter(isEvent("presence"))).isEmpty();
    }

    @Test
    void leavingClosesTheLeaversSocketsAndTellsTheRest() {
        String host = uid("host");
        String guest = uid("guest");
        String third = uid("third");
        String roomId = api.newRoom(host);
        api.join(roomId, guest);
        api.join(roomId, third);
        SocketClient hostSocket = api.enter(roomId, host);
        SocketClient thirdSocket = api.enter(roomId, third);
        SocketClient guestTab1 = api.enter(roomId, guest);
        SocketClient guestTab2 = api.enter(roomId, guest);

        api.leave(roomId, guest).ok200("Left room");
        guestTab1.awaitClose();
        guestTab2.awaitClose();
        for (SocketClient rest : List.of(hostSocket, thirdSocket)) {
            assertPresence(rest.awaitEvent("presence"), roomId, guest, "left", 2);
        }

        // The rest keep talking; the leaver hears nothing more.
        hostSocket.say("bye, guest");
        thirdSocket.awaitMessage("bye, guest");
        assertThat(guestTab1.frames().stream().filter(isEvent("message"))).isEmpty();
        assertThat(guestTab2.frames().stream().filter(isEvent("message"))).isEmpty();
        api.get("rooms/" + seg(roomId) + "/messages?userId=" + q(guest)).failed(403);
    }

    @Test
    void theLastMemberLeavingDeletesTheRoom() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        SocketClient hostSocket = api.enter(roomId, host);
        String unused = api.token(roomId, host);
        hostSocket.say("talking to myself");
        hostSocket.awaitMessage("talking to myself");

        JsonNode left = api.leave(roomId, host).ok200("Left room");
        assertThat(left.path("roomDeleted").booleanValue()).isTrue();
        assertThat(left.path("currentMembers").intValue()).isZero();
        assertThat(left.path("roomId").asText()).isEqualTo(roomId);
        hostSocket.awaitClose();
        api.get("rooms/" + seg(roomId)).failed(404);
        api.get("rooms/" + seg(roomId) + "/messages?userId=" + q(host)).failed(404);
        assertThat(api.refusedUpgrade(unused)).isEqualTo(401);
        JsonNode mine = api.get("users/" + seg(host) + "/messages").ok200("Messages retrieved");
        assertThat(mine.path("messages").size()).as("messages of a deleted room are gone").isZero();
    }

    @Test
    void deletingTellsEverySocketThenClosesIt() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        api.join(roomId, guest);
        SocketClient hostSocket = api.enter(roomId, host);
        SocketClient guestTab1 = api.enter(roomId, guest);
        SocketClient guestTab2 = api.enter(roomId, guest);
        String unused = api.token(roomId, guest);
        hostSocket.say("closing time");
        guestTab2.awaitMessage("closing time");

        api.deleteRoom(roomId, guest).failed(403);
        guestTab1.assertAnswersPing();

        api.deleteRoom(roomId, host).ok(200, "Room deleted");
        for (SocketClient socket : List.of(hostSocket, guestTab1, guestTab2)) {
            JsonNode deleted = socket.awaitEvent("room_deleted");
            assertThat(Json.fieldNames(deleted)).containsExactlyInAnyOrder("event", "roomId");
            assertThat(deleted.path("roomId").asText()).isEqualTo(roomId);
            socket.awaitClose();
            List<JsonNode> frames = socket.frames();
            assertThat(frames.getLast()).as("room_deleted is the last frame").isEqualTo(deleted);
        }
        api.get("rooms/" + seg(roomId)).failed(404);
        api.get("rooms/" + seg(roomId) + "/messages?userId=" + q(host)).failed(404);
        assertThat(api.refusedUpgrade(unused)).isEqualTo(401);
        assertThat(Json.texts(api.get("users/" + seg(host) + "/messages").ok200("Messages retrieved").path("messages"), "roomId"))
                .doesNotContain(roomId);
    }

    @Test
    void disconnectingKeepsTheMembership() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host);
        api.join(roomId, guest);
        SocketClient hostSocket = api.enter(roomId, host);
        SocketClient guestSocket = api.enter(roomId, guest);
        guestSocket.close();

        hostSocket.say("are you there?");
        hostSocket.awaitMessage("are you there?");
        JsonNode room = api.room(roomId);
        assertThat(room.path("currentMembers").intValue()).isEqualTo(2);
        assertThat(hostSocket.frames().stream().filter(isEvent("presence"))).isEmpty();

        // Reconnecting is a join again, with no change in membership.
        SocketClient back = api.enter(roomId, guest);
        hostSocket.say("welcome back");
        back.awaitMessage("welcome back");
        assertThat(api.room(roomId).path("currentMembers").intValue()).isEqualTo(2);
        assertThat(Json.texts(api.history(roomId, guest), "content")).containsExactly("welcome back", "are you there?");
    }
}
