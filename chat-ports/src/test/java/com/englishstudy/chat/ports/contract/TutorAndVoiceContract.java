package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.ChatClient.seg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The AI tutor and read-aloud (SPEC 4) on a server whose providers answer: a runtime's {@link #start} must
 * give one with a working tutor and speech provider (the local runtime's offline tutor and espeak-ng, or
 * stand-ins speaking Bedrock's and Polly's wire format).
 */
public abstract class TutorAndVoiceContract extends ContractBase {

    private record Talk(String roomId, String host, String guest, SocketClient hostSocket, SocketClient guestSocket) {}

    private Talk talk(String opening) {
        String host = uid("host");
        String guest = uid("guest");
        String roomId = api.newRoom(host, "level", "beginner");
        api.join(roomId, guest);
        SocketClient hostSocket = api.enter(roomId, host);
        SocketClient guestSocket = api.enter(roomId, guest);
        hostSocket.say(opening);
        guestSocket.awaitMessage(opening);
        return new Talk(roomId, host, guest, hostSocket, guestSocket);
    }

    @Test
    void theTutorsReplyIsStoredAndReachesEverySocketOfTheRoom() {
        Talk t = talk("i am agree with you");
        JsonNode reply = api.post("rooms/" + seg(t.roomId()) + "/ai", Json.obj("userId", t.guest()))
                .ok(201, "AI response created");
        RoomShapes.assertMessage(reply);
        assertThat(reply.path("userId").asText()).isEqualTo("ai-tutor");
        assertThat(reply.path("messageType").asText()).isEqualTo("AI_RESPONSE");
        assertThat(reply.path("roomId").asText()).isEqualTo(t.roomId());
        assertThat(reply.path("content").asText()).isNotBlank();

        String messageId = reply.path("messageId").asText();
        for (SocketClient socket : new SocketClient[] {t.hostSocket(), t.guestSocket()}) {
            JsonNode event = socket.await("the tutor's message", f -> messageId.equals(f.path("messageId").asText()));
            assertThat(event.path("event").asText()).isEqualTo("message");
            assertThat(event.path("messageType").asText()).isEqualTo("AI_RESPONSE");
        }
        assertThat(api.history(t.roomId(), t.host()).getFirst().path("messageId").asText()).isEqualTo(messageId);
    }

    @Test
    void strangersMayNotAskTheTutor() {
        Talk t = talk("Hello there");
        api.post("rooms/" + seg(t.roomId()) + "/ai", Json.obj("userId", uid("stranger"))).failed(403);
        assertThat(api.history(t.roomId(), t.host())).hasSize(1);
    }

    @Test
    void aMessageIsReadAloudOncePerVoiceAndThenServedFromTheCache() throws Exception {
        Talk t = talk("Nice to meet you.");
        String messageId = api.history(t.roomId(), t.guest()).getFirst().path("messageId").asText();
        String path = "messages/" + seg(messageId) + "/voice";

        JsonNode first = api.post(path, Json.obj("userId", t.guest(), "voice", "male")).ok200("Voice ready");
        assertThat(first.path("messageId").asText()).isEqualTo(messageId);
        assertThat(first.path("voice").asText()).isEqualTo("male");
        assertThat(first.path("contentType").asText()).startsWith("audio/");
        assertThat(first.path("cached").asBoolean()).isFalse();

        JsonNode again = api.post(path, Json.obj("userId", t.host(), "voice", "male")).ok200("Voice ready");
        assertThat(again.path("cached").asBoolean()).isTrue();
        assertThat(again.path("contentType").asText()).isEqualTo(first.path("contentType").asText());

        JsonNode female = api.post(path, Json.obj("userId", t.host())).ok200("Voice ready");
        assertThat(female.path("voice").asText()).isEqualTo("female");
        assertThat(female.path("cached").asBoolean()).isFalse();

        // The message now names where each reading is kept.
        JsonNode stored = api.history(t.roomId(), t.host()).getFirst();
        assertThat(stored.path("maleVoiceKey").asText()).contains(messageId);
        assertThat(stored.path("femaleVoiceKey").asText()).contains(messageId);

        // The link is a working, time-limited URL for the audio itself.
        URI audio = api.endpoint().http().resolve(first.path("audioUrl").asText());
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(audio).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type").orElse("")).startsWith("audio/");
        assertThat(fetched.body().length).isGreaterThan(100);
    }

    @Test
    void strangersMayNotHaveAMessageReadAloud() {
        Talk t = talk("Good morning");
        String messageId = api.history(t.roomId(), t.guest()).getFirst().path("messageId").asText();
        api.post("messages/" + seg(messageId) + "/voice", Json.obj("userId", uid("stranger"))).failed(403);
        api.post("messages/" + seg(messageId) + "/voice", Json.obj("userId", t.guest(), "voice", "robot")).failed(400);
    }
}
