package com.englishstudy.chat.lambda.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The gateway's open connections by API Gateway connection id, and what {@code @connections} does to them.
 *
 * <p>A connection exists for the Management API from the moment its {@code $connect} function answered 2xx, as in
 * API Gateway: before that (while {@code $connect} runs) a post is a 410. The client may see its socket open a
 * moment before Jetty hands the gateway the session; frames posted in that gap are kept and sent first, in order,
 * and a delete in that gap closes the socket as it arrives.
 */
final class SocketHub {
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final ConcurrentHashMap<String, Peer> peers = new ConcurrentHashMap<>();

    /** One connection; every send and close happens under its lock, so frames keep the order they were posted in. */
    static final class Peer {
        final ReentrantLock lock = new ReentrantLock();
        final Instant connectedAt = Instant.now();
        final String sourceIp;
        final String userAgent;
        volatile Instant lastActiveAt = connectedAt;
        Session session;
        final List<String> early = new ArrayList<>();
        boolean closeOnArrival;

        Peer(String sourceIp, String userAgent) {
            this.sourceIp = sourceIp;
            this.userAgent = userAgent;
        }
    }

    enum Outcome { DONE, GONE }

    /** {@code $connect} answered 2xx: the connection exists from now on. */
    void accept(String connectionId, String sourceIp, String userAgent) {
        peers.put(connectionId, new Peer(sourceIp, userAgent));
    }

    /** @return false when the connection was deleted before its socket arrived; the caller closes it */
    boolean attach(String connectionId, Session session) {
        Peer peer = peers.get(connectionId);
        if (peer == null) return false;
        peer.lock.lock();
        try {
            peer.session = session;
            for (String frame : peer.early) {
                if (send(peer, frame) == Outcome.GONE) break;
            }
            peer.early.clear();
            if (peer.closeOnArrival) {
                peers.remove(connectionId, peer);
                session.close(StatusCode.NORMAL, "Closed by the server", Callback.NOOP);
            }
        } finally {
            peer.lock.unlock();
        }
        return true;
    }

    void forget(String connectionId) {
        peers.remove(connectionId);
    }

    void touch(String connectionId) {
        Peer peer = peers.get(connectionId);
        if (peer != null) peer.lastActiveAt = Instant.now();
    }

    Optional<Peer> find(String connectionId) {
        return Optional.ofNullable(peers.get(connectionId));
    }

    /** PostToConnection: returns once the frame is handed to the socket (or queued before it opens). */
    Outcome post(String connectionId, String frame) {
        Peer peer = peers.get(connectionId);
        if (peer == null) return Outcome.GONE;
        peer.lock.lock();
        try {
            if (peer.session == null) {
                if (peer.closeOnArrival) return Outcome.GONE;
                peer.early.add(frame);
                return Outcome.DONE;
            }
            Outcome outcome = send(peer, frame);
            if (outcome == Outcome.GONE) peers.remove(connectionId, peer);
            return outcome;
        } finally {
            peer.lock.unlock();
        }
    }

    /** DeleteConnection: the socket is closed; its {@code $disconnect} follows when the close completes. */
    Outcome delete(String connectionId) {
        Peer peer = peers.remove(connectionId);
        if (peer == null) return Outcome.GONE;
        peer.lock.lock();
        try {
            if (peer.session == null) {
                // Still opening: keep it reachable for attach, which will close it.
                peer.closeOnArrival = true;
                peers.putIfAbsent(connectionId, peer);
            } else {
                peer.session.close(StatusCode.NORMAL, "Closed by the server", Callback.NOOP);
            }
            return Outcome.DONE;
        } finally {
            peer.lock.unlock();
        }
    }

    private static Outcome send(Peer peer, String frame) {
        if (!peer.session.isOpen()) return Outcome.GONE;
        CompletableFuture<Void> sent = new CompletableFuture<>();
        peer.session.sendText(frame, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.DONE;
        } catch (ExecutionException | TimeoutException e) {
            return Outcome.GONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.GONE;
        }
    }

    int size() {
        return peers.size();
    }
}
