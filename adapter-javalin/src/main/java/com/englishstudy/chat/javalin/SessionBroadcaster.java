package com.englishstudy.chat.javalin;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.GoneConnections;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.ports.json.ChatJson;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * and writes it, so a slow receiver delays only itself. A receiver whose queue passes {@link #MAX_PENDING_FRAMES} is cut off rather than allowed to
 * hold memory without bound; a write that fails marks its connection gone.
 */
public final class SessionBroadcaster implements Broadcaster {
    static final int MAX_PENDING_FRAMES = 1024;
    private static final System.Logger LOG = System.getLogger(SessionBroadcaster.class.getName());

    private final ConcurrentHashMap<String, Peer> peers = new ConcurrentHashMap<>();
    private final GoneConnections gone;

    public SessionBroadcaster(GoneConnections gone) {
        this.gone = gone;
    }

    private static final class Peer {
        final Session session;
        /** Jetty's frame layer, where a pre-encoded text frame can be sent; null if this Jetty hides it. */
        final CoreSession frames;
        final AtomicInteger pending = new AtomicInteger();

        Peer(Session session) {
            this.session = session;
            this.frames = session instanceof WebSocketSession jetty ? jetty.getCoreSession() : null;
        }
    }

    public void register(String connectionId, WsContext ws) {
        peers.put(connectionId, new Peer(ws.session));
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
            send(target.connectionId(), text, utf8);
        }
    }

    /** Sends one frame to one connection of this process; unknown ids are skipped (another process, or just closed). */
    public void send(String connectionId, String text) {
        send(connectionId, text, null);
    }

    private void send(String connectionId, String text, ByteBuffer utf8) {
        Peer peer = peers.get(connectionId);
        if (peer == null) return;
        if (peer.pending.incrementAndGet() > MAX_PENDING_FRAMES) {
            peer.pending.decrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "Closing connection " + connectionId + ": it does not keep up");
            peers.remove(connectionId, peer);
            peer.session.close(StatusCode.POLICY_VIOLATION, "Too slow to receive messages", Callback.NOOP);
            gone.gone(connectionId);
            return;
        }
        Runnable sent = peer.pending::decrementAndGet;
        java.util.function.Consumer<Throwable> failed = failure -> {
            peer.pending.decrementAndGet();
            if (peers.remove(connectionId, peer)) gone.gone(connectionId);
        };
        if (utf8 != null && peer.frames != null) {
            // slice(): each receiver reads the shared bytes through its own position.
            peer.frames.sendFrame(new Frame(OpCode.TEXT, utf8.slice()),
                    org.eclipse.jetty.util.Callback.from(sent, failed), false);
        } else {
            peer.session.sendText(text, Callback.from(sent, failed));
        }
    }

    @Override
    public void close(List<Connection> targets) {
        for (Connection target : targets) {
            Peer peer = peers.remove(target.connectionId());
            if (peer != null) peer.session.close(StatusCode.NORMAL, "Closed by the server", Callback.NOOP);
        }
    }
}
