package com.englishstudy.chat.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A user of one chat server, over real HTTP and real WebSockets (the JDK's clients). Low-level calls return a
 * {@link Reply} to check; the room helpers assert the success envelope of SPEC 4 and return {@code data}.
 * Every reply is checked for leaked secrets. Thread-safe: concurrent tests share one.
 */
public final class ChatClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ChatEndpoint endpoint;
    private final HttpClient http;
    private final List<SocketClient> sockets = new CopyOnWriteArrayList<>();

    public ChatClient(ChatEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public ChatEndpoint endpoint() {
        return endpoint;
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    /** @param path relative to {@link ChatEndpoint#http()}, without a leading slash: {@code rooms?level=beginner} */
    public Reply get(String path) {
        return exchange("GET", path, null);
    }

    /** @param body a String or byte[] sent as is, or anything else sent as JSON */
    public Reply post(String path, Object body) {
        return exchange("POST", path, bytes(body));
    }

    public Reply delete(String path) {
        return exchange("DELETE", path, null);
    }

    public Reply exchange(String method, String path, byte[] body) {
        if (path.startsWith("/")) throw new IllegalArgumentException("paths are relative to the base: " + path);
        URI uri = endpoint.http().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (body != null) request.header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + uri, e);
        }
        String text = response.body();
        JsonNode json = Json.tryParse(text);
        Json.assertNoSecrets(text, json);
        return new Reply(method + " /" + path, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), text, json);
    }

    private static byte[] bytes(Object body) {
        return switch (body) {
            case null -> new byte[0];
            case byte[] raw -> raw;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            default -> Json.write(body).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** One path segment, percent-encoded. */
    public static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One query value, percent-encoded. */
    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- rooms --------------------------------------------------------------------------------------------------

    /**
     * Creates a room (public, beginner, named after the creator unless {@code fields} say otherwise) and
     * returns its detail; fails unless the answer is 201 "Room created".
     */
    public JsonNode createRoom(String creator, Object... fields) {
        Map<String, Object> body = Json.obj("name", "Room of " + creator, "level", "beginner", "createdBy", creator);
        body.putAll(Json.obj(fields));
        JsonNode room = post("rooms", body).ok(201, "Room created");
        RoomShapes.assertDetail(room);
        return room;
    }

    /** {@link #createRoom} returning only the room id. */
    public String newRoom(String creator, Object... fields) {
        return createRoom(creator, fields).path("roomId").asText();
    }

    public JsonNode room(String roomId) {
        JsonNode room = get("rooms/" + seg(roomId)).ok200("Room retrieved");
        RoomShapes.assertDetail(room);
        return room;
    }

    public Reply tryJoin(String roomId, String userId, String password) {
        return post("rooms/" + seg(roomId) + "/join", Json.obj("userId", userId, "password", password));
    }

    /** Joins (200 "Joined room") and returns {@code data}: {@code room, roomToken, tokenExpiresAt}. */
    public JsonNode join(String roomId, String userId) {
        return join(roomId, userId, null);
    }

    public JsonNode join(String roomId, String userId, String password) {
        JsonNode data = tryJoin(roomId, userId, password).ok200("Joined room");
        assertThat(Json.fieldNames(data)).containsExactlyInAnyOrder("room", "roomToken", "tokenExpiresAt");
        assertThat(data.path("roomToken").asText()).isNotBlank();
        assertThat(data.path("tokenExpiresAt").canConvertToLong()).isTrue();
        RoomShapes.assertDetail(data.path("room"));
        return data;
    }

    public String token(String roomId, String userId) {
        return join(roomId, userId).path("roomToken").asText();
    }

    public Reply leave(String roomId, String userId) {
        return post("rooms/" + seg(roomId) + "/leave", Json.obj("userId", userId));
    }

    public Reply deleteRoom(String roomId, String userId) {
        return delete("rooms/" + seg(roomId) + "?userId=" + q(userId));
    }

    /** The room's newest messages (up to 100), newest first, as {@code userId} reads them. */
    public List<JsonNode> history(String roomId, String userId) {
        JsonNode data = get("rooms/" + seg(roomId) + "/messages?limit=100&userId=" + q(userId)).ok200("Messages retrieved");
        RoomShapes.assertPage(data, "messages");
        List<JsonNode> messages = Json.list(data.path("messages"));
        messages.forEach(RoomShapes::assertMessage);
        return messages;
    }

    // ---- sockets ------------------------------------------------------------------------------------------------

    /** The WebSocket address for a token; no query at all for a null token. */
    public URI socketUri(String roomToken) {
        URI ws = endpoint.ws();
        if (roomToken == null) return ws;
        String sep = ws.getRawQuery() == null ? "?" : "&";
        return URI.create(ws + sep + "roomToken=" + q(roomToken));
    }

    /** Opens a socket with this token; fails if the upgrade is refused. Closed with the client. */
    public SocketClient connect(String roomToken) {
        URI uri = socketUri(roomToken);
        SocketClient client = new SocketClient(uri);
        try {
            client.opened(http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, client)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            throw new AssertionError("WebSocket upgrade to " + uri + " failed: " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("WebSocket upgrade to " + uri + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        sockets.add(client);
        return client;
    }

    /** Joins and opens a socket for the user: the way a client enters a room. */
    public SocketClient enter(String roomId, String userId) {
        return connect(token(roomId, userId));
    }

    /**
     * Sends an upgrade request for this token by hand, with {@code extraHeaders} (what the JDK client may not
     * set, such as {@code Sec-WebSocket-Extensions}), and returns the answer's status line and headers; the
     * connection is closed afterwards, so the token is spent.
     */
    public String rawUpgradeHead(String roomToken, String extraHeaders) {
        URI uri = socketUri(roomToken);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + extraHeaders + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            // Byte by byte up to the blank line: nothing after the head is needed.
            while (head.length() < 16_384 && !head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) break;
                head.append((char) b);
            }
            return head.toString();
        } catch (IOException e) {
            throw new AssertionError("Hand-made WebSocket upgrade to " + uri + " failed: " + e, e);
        }
    }

    /** The HTTP status the upgrade was refused with; fails if the socket opened. */
    public int refusedUpgrade(String roomToken) {
        URI uri = socketUri(roomToken);
        SocketClient client = new SocketClient(uri);
        try {
            var ws = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, client)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ws.abort();
            throw new AssertionError("The WebSocket upgrade to " + uri + " was accepted; it must be refused");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) return refused.getResponse().statusCode();
            throw new AssertionError("WebSocket upgrade to " + uri + " failed without an HTTP answer: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new AssertionError("WebSocket upgrade to " + uri + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException refused) {
            return "HTTP " + refused.getResponse().statusCode() + " " + refused.getResponse().body();
        }
        return String.valueOf(cause);
    }

    @Override
    public void close() {
        sockets.forEach(SocketClient::close);
        sockets.clear();
        http.shutdownNow();
    }
}
