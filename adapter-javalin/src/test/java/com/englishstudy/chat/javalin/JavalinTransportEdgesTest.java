package com.englishstudy.chat.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.ContractBase;
import com.englishstudy.chat.ports.contract.Json;
import com.englishstudy.chat.ports.contract.Reply;
import com.englishstudy.chat.ports.contract.SocketClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What reaches the local server below the contract's routes, where Jetty rather than the API would answer, and
 * where API Gateway answers differently in production (so these are not in the shared suite): HEAD, URLs and
 * query strings that are not valid encoding, bodies that are declared too large or end early, refused
 * upgrades, and WebSocket frames that are too large, in pieces, or binary. Requests a JDK client will not
 * send are written by hand.
 */
class JavalinTransportEdgesTest extends ContractBase {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
    private static final Pattern CONTENT_TYPE = Pattern.compile("(?im)^content-type:\\s*(.+?)\\s*$");

    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return JavalinRuntime.start(env);
    }

    @Test
    void headIsAnsweredAsGetWouldBeWithoutTheBody() {
        String roomId = api.newRoom(uid("host"));
        assertThat(api.exchange("HEAD", "rooms/" + roomId, null).status()).isEqualTo(200);
        assertThat(api.exchange("HEAD", "rooms/no-such-room", null).status()).isEqualTo(404);
        assertThat(api.exchange("HEAD", "rooms?limit=0", null).status()).isEqualTo(400);
        assertThat(api.exchange("HEAD", "rooms/" + roomId + "/join", null).status()).as("a POST-only route").isEqualTo(404);

        // No body: the next answer on the same connection follows the head at once.
        String both = readToTheEnd("HEAD /rooms/" + roomId + " HTTP/1.1\r\nHost: chat\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: chat\r\nConnection: close\r\n\r\n");
        assertThat(both).startsWith("HTTP/1.1 200");
        assertThat(both.substring(both.indexOf("\r\n\r\n") + 4)).startsWith("HTTP/1.1 200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rooms?level=%ZZ&limit=1", "/rooms?limit=5%ZZ", "/rooms?limit=%", "/rooms?level=%ED%A0%80",
            "/rooms?joined=true&userId=%ZZ"})
    void aQueryThatIsNotUrlEncodingOfUtf8IsA400(String target) {
        // Read leniently, the bad value was dropped: ?level=%ZZ listed rooms of every level.
        raw("GET " + target + " HTTP/1.1\r\nHost: chat\r\nConnection: close\r\n\r\n", false).failed(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rooms/%00", "/rooms/%ED%A0%80", "/rooms/%", "/../../etc/passwd"})
    void aUrlJettyCannotReadIsRefusedInTheEnvelope(String target) {
        raw("GET " + target + " HTTP/1.1\r\nHost: chat\r\nConnection: close\r\n\r\n", false).failed(400);
    }

    @Test
    void aUrlTooLongIsRefusedInTheEnvelope() {
        raw("GET /rooms/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: chat\r\nConnection: close\r\n\r\n", false).failed(414);
    }

    @Test
    void aRefusedUpgradeAnswersInTheEnvelope() {
        Reply refused = raw("GET /ws?roomToken=forged HTTP/1.1\r\nHost: chat\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", false);
        refused.failed(401);
        assertThat(refused.error()).isEqualTo("Room token is invalid, expired or already used");
    }

    @Test
    void aBodyDeclaredOver64KiBIsA413BeforeItIsSentWhenTheClientWaitsForTheGoAhead() {
        String creator = uid("big");
        // Expect: 100-continue, as curl sends for a large body: the answer must come without the body.
        raw("POST /rooms HTTP/1.1\r\nHost: chat\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n"
                + "Expect: 100-continue\r\n\r\n", false).failed(413);
        assertNoRoomsOf(creator);
    }

    @Test
    void aBodyOfAFewHundredKiBGetsIts413RatherThanAReset() {
        // Refused before a byte of it was read, the connection was closed on unread bytes and reset, and a client
        // sending a large paste saw a broken connection instead of the answer.
        String creator = uid("paste");
        String body = Json.write(Json.obj("name", "n".repeat(400_000), "level", "beginner", "createdBy", creator));
        for (int i = 0; i < 5; i++) api.post("rooms", body).failed(413);
        assertNoRoomsOf(creator);
    }

    @Test
    void aBodyThatEndsBeforeItsDeclaredLengthIsA400AndChangesNothing() {
        String creator = uid("cut");
        String body = Json.write(Json.obj("name", "Cut", "level", "beginner", "createdBy", creator));
        raw("POST /rooms HTTP/1.1\r\nHost: chat\r\nContent-Type: application/json\r\nContent-Length: "
                + (body.length() + 40) + "\r\n\r\n" + body, true).failed(400);
        assertNoRoomsOf(creator);
    }

    @Test
    void aFrameOver64KiBIsRefusedWithAnErrorEventAndTheSocketStaysOpen() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        SocketClient socket = api.enter(roomId, host);

        socket.say("a".repeat(70_000));
        assertThat(socket.awaitError(413).path("error").asText()).contains("64 KiB");
        socket.sendInPieces("{\"action\":\"sendMessage\",\"content\":\"", "b".repeat(40_000), "c".repeat(40_000), "\"}");
        socket.awaitError(413);

        socket.assertAnswersPing();
        socket.say("still here");
        socket.awaitMessage("still here");
        assertThat(api.history(roomId, host)).extracting(m -> m.path("content").asText()).containsExactly("still here");
    }

    @Test
    void aMessagePast1MiBClosesTheSocket() {
        String host = uid("host");
        SocketClient socket = api.enter(api.newRoom(host), host);
        socket.sendInPieces("{\"action\":\"sendMessage\",\"content\":\"", "d".repeat(600_000), "e".repeat(600_000), "\"}");
        socket.awaitError(413);
        assertThat(socket.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aMessageSentInPiecesIsOneMessage() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        SocketClient socket = api.enter(roomId, host);

        socket.sendInPieces("{\"action\":\"sendMessage\",", "\"content\":\"Good morning, ", "everyone\"}");
        JsonNode message = socket.awaitMessage("Good morning, everyone");
        assertThat(api.history(roomId, host)).extracting(m -> m.path("messageId").asText())
                .containsExactly(message.path("messageId").asText());
    }

    @Test
    void aBinaryFrameIsRefusedWithAnErrorEventAndTheSocketStaysOpen() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        SocketClient socket = api.enter(roomId, host);

        socket.sendBinary("{\"action\":\"sendMessage\",\"content\":\"as bytes\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(socket.awaitError(400).path("error").asText().toLowerCase(Locale.ROOT)).contains("text");
        socket.assertAnswersPing();
        assertThat(api.history(roomId, host)).isEmpty();
    }

    /** Sends a hand-written request and reads what comes back until the server closes the connection. */
    private String readToTheEnd(String request) {
        URI http = api.endpoint().http();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(http.getHost(), http.getPort()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new AssertionError("Hand-written request failed: " + e, e);
        }
    }

    private void assertNoRoomsOf(String creator) {
        JsonNode data = api.get("rooms?joined=true&userId=" + creator).ok200("Rooms retrieved");
        assertThat(data.path("rooms")).as("rooms of %s", creator).isEmpty();
    }

    /**
     * Sends a hand-written request on a connection of its own (closing the sending side after it when asked)
     * and reads the answer's head and as much body as it declares.
     */
    private Reply raw(String request, boolean thenStopSending) {
        URI http = api.endpoint().http();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(http.getHost(), http.getPort()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            if (thenStopSending) socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
            while (!headBytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) throw new AssertionError("The connection closed before an answer's head: " + headBytes);
                headBytes.write(b);
            }
            String head = headBytes.toString(StandardCharsets.ISO_8859_1);
            Matcher length = CONTENT_LENGTH.matcher(head);
            String body = length.find()
                    ? new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8) : "";
            Matcher type = CONTENT_TYPE.matcher(head);
            int status = Integer.parseInt(head.substring(9, 12));
            String line = request.substring(0, Math.min(request.indexOf('\r'), 120));
            return new Reply(line, status, type.find() ? type.group(1) : null, body, Json.tryParse(body));
        } catch (IOException e) {
            throw new AssertionError("Hand-written request failed: " + e, e);
        }
    }
}
