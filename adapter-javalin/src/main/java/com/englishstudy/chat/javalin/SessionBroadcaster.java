package com.englishstudy.chat.javalin;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.GoneConnections;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.ports.json.ChatJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A {@link Broadcaster} over the Javalin sessions of this process. An event is encoded once, to JSON and
 * then to UTF-8 bytes, and each receiver's session gets a view of those bytes without waiting: Jetty queues
 * and writes it, so a slow receiver delays only itself. A receiver whose queue passes
 * {@link #MAX_PENDING_FRAMES} is cut off rather than allowed to hold memory without bound; a write that
 * fails marks its connection gone.
 *
 * <p>A connection is known here from the moment its upgrade is accepted ({@link #expect}), before its
 * socket opens ({@link #attach}): Jetty answers the upgrade before it tells the server the socket is open,
 * so a client may already be talking while the server has no session yet. Frames for it in that gap are
 * kept and sent first, in order, when the session arrives; a close in that gap closes it on arrival.
 */
public final class SessionBroadcaster implements Broadcaster {
    static final int MAX_PENDING_FRAMES = 1024;
    private static final System.Logger LOG = System.getLogger(SessionBroadcaster.class.getName());

    private final ConcurrentHashMap<String, Peer> peers = new ConcurrentHashMap<>();
    private final GoneConnections gone;

    public SessionBroadcaster(GoneConnections gone) {
        this.gone = gone;
    }

    /**
     * One connection. It is also the completion callback of every pre-encoded frame sent to it, so a delivery
     * allocates no callback of its own (BLOCKING, Jetty's default: a failure may reach storage).
     */
    private final class Peer implements org.eclipse.jetty.util.Callback {
        final String connectionId;
        /** Orders the early frames before any later one; a lock rather than synchronized, so virtual threads do not pin. */
        final ReentrantLock lock = new ReentrantLock();
        final AtomicInteger pending = new AtomicInteger();
        /** Null until the socket is open. */
        Session session;
        /** Jetty's frame layer, where a pre-encoded text frame can be sent; null if this Jetty hides it. */
        CoreSession frames;
        final List<Outgoing> early = new ArrayList<>();
        boolean closeOnArrival;

        Peer(String connectionId) {
            this.connectionId = connectionId;
        }

        /** A frame went out. */
        @Override
        public void succeeded() {
            pending.decrementAndGet();
        }

        /** A frame could not be written: the connection is gone. */
        @Override
        public void failed(Throwable failure) {
            pending.decrementAndGet();
            if (peers.remove(connectionId, this)) gone.gone(connectionId);
        }
    }

    /** A frame as text, and as shared UTF-8 bytes when it goes to many receivers (else null). */
    private record Outgoing(String text, ByteBuffer utf8) {}

    /** The upgrade of this connection was accepted; its session follows with {@link #attach}. */
    public void expect(String connectionId) {
        peers.put(connectionId, new Peer(connectionId));
    }

    /**
     * The socket of an expected connection is open: sends what was kept for it, then lets frames through.
     *
     * @return false when the connection is no longer wanted (cut off, or closed by the server before it
     *         opened); the caller then closes the socket
     */
    public boolean attach(String connectionId, Session session) {
        Peer peer = peers.get(connectionId);
        if (peer == null) return false;
        peer.lock.lock();
        try {
            peer.session = session;
            peer.frames = session instanceof WebSocketSession jetty ? jetty.getCoreSession() : null;
            for (Outgoing frame : peer.early) write(connectionId, peer, frame);
            peer.early.clear();
            if (peer.closeOnArrival) {
                peers.remove(connectionId, peer);
                peer.session.close(StatusCode.NORMAL, "Closed by the server", Callback.NOOP);
            }
        } finally {
            peer.lock.unlock();
        }
        return true;
    }

    public void unregister(String connectionId) {
        peers.remove(connectionId);
    }

    public int size() {
        return peers.size();
    }

    @Override
    public void deliver(List<Connection> targets, RoomEvent event) {
        if (targets.isEmpty()) return;
        String text = ChatJson.event(event);
        ByteBuffer utf8 = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        for (Connection target : targets) {
            send(target.connectionId(), new Outgoing(text, utf8));
        }
    }

    /** Sends one frame to one connection of this process; unknown ids are skipped (another process, or just closed). */
    public void send(String connectionId, String text) {
        send(connectionId, new Outgoing(text, null));
    }

    private void send(String connectionId, Outgoing frame) {
        Peer peer = peers.get(connectionId);
        if (peer == null) return;
        peer.lock.lock();
        try {
            if (peer.session == null) {
                if (peer.early.size() < MAX_PENDING_FRAMES) {
                    peer.early.add(frame);
                } else {
                    LOG.log(System.Logger.Level.WARNING, "Dropping connection " + connectionId + ": it never opened");
                    peers.remove(connectionId, peer);
                    gone.gone(connectionId);
                }
                return;
            }
            write(connectionId, peer, frame);
        } finally {
            peer.lock.unlock();
        }
    }

    private void write(String connectionId, Peer peer, Outgoing frame) {
        if (peer.pending.incrementAndGet() > MAX_PENDING_FRAMES) {
            peer.pending.decrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "Closing connection " + connectionId + ": it does not keep up");
            peers.remove(connectionId, peer);
            peer.session.close(StatusCode.POLICY_VIOLATION, "Too slow to receive messages", Callback.NOOP);
            gone.gone(connectionId);
            return;
        }
        if (frame.utf8() != null && peer.frames != null) {
            // slice(): each receiver reads the shared bytes through its own position.
            peer.frames.sendFrame(new Frame(OpCode.TEXT, frame.utf8().slice()), peer, false);
        } else {
            peer.session.sendText(frame.text(), Callback.from(peer::succeeded, peer::failed));
        }
    }

    @Override
    public void close(List<Connection> targets) {
        for (Connection target : targets) {
            Peer peer = peers.get(target.connectionId());
            if (peer == null) continue;
            peer.lock.lock();
            try {
                if (peer.session == null) {
                    peer.closeOnArrival = true;
                } else {
                    peers.remove(target.connectionId(), peer);
                    peer.session.close(StatusCode.NORMAL, "Closed by the server", Callback.NOOP);
                }
            } finally {
                peer.lock.unlock();
            }
        }
    }
}
