package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.ChatClient.seg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The AI tutor and read-aloud endpoints (SPEC 4) on a server whose tutor and speech provider cannot answer
 * (none configured, or one that cannot be reached): who may ask is decided before any provider is called
 * (403 / 404 / 400 as for any request), and a permitted request is a 502 or 503 that stores and sends nothing.
 * A runtime's {@link #start} must give such a server. To be joined by contracts with working stand-in providers.
 */
public abstract class ProvidersUnconfiguredContract extends ContractBase {

    private record Talk(String roomId, String host, String guest, SocketClient hostSocket, SocketClient guestSocket,
                        JsonNode message) {}

    private Talk talk() {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host, "level", "advanced");
        api.join(roomId, guest);
        SocketClient hostSocket = api.enter(roomId, host);
        SocketClient guestSocket = api.enter(roomId, guest);
        hostSocket.say("How was your weekend?");
        JsonNode message = guestSocket.awaitMessage("How was your weekend?");
        return new Talk(roomId, host, guest, hostSocket, guestSocket, message);
    }

    private Reply askTutor(String roomId, Object body) {
        return api.post("rooms/" + seg(roomId) + "/ai", body);
    }

    private Reply readAloud(String messageId, Object body) {
        return api.post("messages/" + seg(messageId) + "/voice", body);
    }

    @Test
    void askingAnUnavailableTutorIsA503AndStoresNothing() {
        Talk t = talk();
        JsonNode before = api.room(t.roomId());
        askTutor(t.roomId(), Json.obj("userId", t.guest())).failed(503, 502);

        t.hostSocket().say("sentinel");
        t.guestSocket().awaitMessage("sentinel");
        assertThat(t.guestSocket().frames().stream().filter(SocketClient.isEvent("message")))
                .extracting(f -> f.path("userId").asText()).containsOnly(t.host());
        assertThat(Json.texts(api.history(t.roomId(), t.guest()), "messageType")).containsOnly("TEXT").hasSize(2);
        assertThat(api.room(t.roomId()).path("memberIds")).isEqualTo(before.path("memberIds"));
    }

    @Test
    void onlyMembersMayAskTheTutor() {
        Talk t = talk();
        // Membership is checked before the provider is called: a stranger learns nothing about the tutor.
        askTutor(t.roomId(), Json.obj("userId", uid("stranger"))).failed(403);
        askTutor(t.roomId(), Json.obj("userId", "ai-tutor")).failed(403);
        askTutor(t.roomId(), Json.obj()).failed(400);
        askTutor(t.roomId(), Json.obj("userId", "a b")).failed(400);
        askTutor(uid("no-such-room"), Json.obj("userId", t.guest())).failed(404);
        assertThat(api.history(t.roomId(), t.guest())).hasSize(1);
    }

    @Test
    void readingAloudWithoutSpeechIsA503() {
        Talk t = talk();
        String messageId = t.message().path("messageId").asText();
        readAloud(messageId, Json.obj("userId", t.guest())).failed(503, 502);
        readAloud(messageId, Json.obj("userId", t.guest(), "voice", "male")).failed(503, 502);
        JsonNode stored = api.history(t.roomId(), t.guest()).getFirst();
        assertThat(stored.has("femaleVoiceKey") || stored.has("maleVoiceKey")).as("no voice recorded on %s", stored).isFalse();
    }

    @Test
    void onlyMembersMayHaveAMessageReadAloud() {
        Talk t = talk();
        String messageId = t.message().path("messageId").asText();
        readAloud(uid("no-such-message"), Json.obj("userId", t.guest())).failed(404);
        readAloud(messageId, Json.obj("userId", uid("stranger"))).failed(403);
        readAloud(messageId, Json.obj("userId", t.guest(), "voice", "robot")).failed(400);
        readAloud(messageId, Json.obj()).failed(400);
        readAloud(messageId, Json.obj("userId", "ai-tutor")).failed(403);
    }
}
