package com.englishstudy.chat.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's {@link WebSocket}) that keeps every text frame it receives, parsed.
 * Frames arrive in a queue; {@link #await} takes the first not yet taken frame that matches, waiting at most
 * a few seconds, so tests can wait for events in any order without sleeping. {@link #frames()} is everything
 * received so far, taken or not, for checks that something did <em>not</em> arrive (made deterministic by
 * first awaiting a later frame that must come after it).
 */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(5);

    private final URI uri;
    private final LinkedBlockingQueue<JsonNode> arrivals = new LinkedBlockingQueue<>();
    private final List<JsonNode> untaken = new ArrayList<>();
    private final List<JsonNode> all = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    SocketClient(URI uri) {
        this.uri = uri;
    }

    void opened(WebSocket webSocket) {
        this.socket = webSocket;
    }

    // ---- WebSocket.Listener (called on the client's threads) --------------------------------------------------

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            JsonNode frame = Json.tryParse(text);
            JsonNode kept = frame == null ? TextNode.valueOf(text) : frame;
            all.add(kept);
            arrivals.add(kept);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        // An abnormal end, as a browser reports it.
        closed.complete(1006);
    }

    // ---- sending ------------------------------------------------------------------------------------------------

    /** Sends one text frame and waits until the client has handed it to the network. */
    public SocketClient send(String text) {
        waitUntilSent(socket.sendText(text, true));
        return this;
    }

    /** Sends one text message as several frames (a first frame and continuations), as a client streaming it may. */
    public SocketClient sendInPieces(String... pieces) {
        for (int i = 0; i < pieces.length; i++) waitUntilSent(socket.sendText(pieces[i], i == pieces.length - 1));
        return this;
    }

    /** Sends one binary frame. */
    public SocketClient sendBinary(byte[] payload) {
        waitUntilSent(socket.sendBinary(ByteBuffer.wrap(payload), true));
        return this;
    }

    private void waitUntilSent(CompletableFuture<WebSocket> sent) {
        try {
            sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not send a frame on " + uri + ": " + e, e);
        }
    }

    /** Sends a JSON object built from name/value pairs. */
    public SocketClient sendJson(Object... namesAndValues) {
        return send(Json.write(Json.obj(namesAndValues)));
    }

    /** A {@code sendMessage} frame with only content. */
    public SocketClient say(String content) {
        return sendJson("action", "sendMessage", "content", content);
    }

    public SocketClient ping() {
        return sendJson("action", "ping");
    }

    // ---- receiving ----------------------------------------------------------------------------------------------

    /** The first untaken frame matching {@code match}, waiting at most {@link #WAIT}; fails with what did arrive. */
    public JsonNode await(String what, Predicate<JsonNode> match) {
        return awaitAll(what, match, 1).getFirst();
    }

    /**
     * The first {@code count} untaken frames matching {@code match}, in arrival order. Waits while frames keep
     * coming, and fails once {@link #WAIT} passes without a new one: a slow runtime (a Lambda behind a gateway on
     * a loaded machine) may take longer for many frames, but a lost one is still caught within {@code WAIT}.
     */
    public synchronized List<JsonNode> awaitAll(String what, Predicate<JsonNode> match, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> found = new ArrayList<>(count);
        while (true) {
            arrivals.drainTo(untaken);
            for (Iterator<JsonNode> it = untaken.iterator(); it.hasNext() && found.size() < count; ) {
                JsonNode frame = it.next();
                if (match.test(frame)) {
                    it.remove();
                    Json.assertNoSecrets(frame.toString(), frame);
                    found.add(frame);
                }
            }
            if (found.size() == count) return found;
            long left = deadline - System.nanoTime();
            JsonNode next = null;
            if (left > 0) {
                try {
                    next = arrivals.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what, e);
                }
            }
            if (next == null) {
                throw new AssertionError("Waited " + WAIT.toSeconds() + " s without a new frame for " + count + " x "
                        + what + ", got " + found.size() + ". Frames received on this socket: " + all);
            }
            untaken.add(next);
            deadline = System.nanoTime() + WAIT.toNanos();
        }
    }

    /** The next frame with this {@code event}. */
    public JsonNode awaitEvent(String event) {
        return await("event " + event, isEvent(event));
    }

    /** The {@code message} event carrying exactly this content. */
    public JsonNode awaitMessage(String content) {
        return await("message '" + abbreviate(content) + "'", isEvent("message").and(f -> content.equals(f.path("content").asText(null))));
    }

    /** The next error event, with its status checked. */
    public JsonNode awaitError(int status) {
        JsonNode error = awaitEvent("error");
        assertThat(Json.fieldNames(error)).as("error event %s", error).containsExactlyInAnyOrder("event", "status", "error");
        assertThat(error.path("status").isInt()).as("status of %s", error).isTrue();
        assertThat(error.path("status").intValue()).as("status of %s", error).isEqualTo(status);
        assertThat(error.path("error").asText()).as("error of %s", error).isNotBlank();
        return error;
    }

    /** Sends a ping and waits for its pong: proves the socket is open and the server still answers it. */
    public void assertAnswersPing() {
        ping();
        JsonNode pong = awaitEvent("pong");
        assertThat(pong.toString()).isEqualTo("{\"event\":\"pong\"}");
    }

    /** Everything received so far, in arrival order, taken by {@link #await} or not. */
    public List<JsonNode> frames() {
        List<JsonNode> snapshot = List.copyOf(all);
        snapshot.forEach(f -> Json.assertNoSecrets(f.toString(), f));
        return snapshot;
    }

    /** The close code the server closed with, waiting at most {@link #WAIT}; fails if the socket stays open. */
    public int awaitClose() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The server did not close " + uri + " within " + WAIT.toSeconds() + " s; frames: " + all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public static Predicate<JsonNode> isEvent(String event) {
        return frame -> event.equals(frame.path("event").asText(null));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Drops the connection at once (no close handshake); safe to call twice. */
    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null) ws.abort();
    }

    @Override
    public String toString() {
        return "socket " + uri;
    }
}
