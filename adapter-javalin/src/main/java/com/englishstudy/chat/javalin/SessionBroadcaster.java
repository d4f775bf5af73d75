package com.englishstudy.chat.javalin;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.GoneConnections;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.ports.json.ChatJson;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * A {@link Broadcaster} over the Javalin sessions of this process. An event is encoded once and handed to
 * each receiver's session without waiting: Jetty queues and writes it, so a slow receiver delays only
 * itself. A receiver whose queue passes {@link #MAX_PENDING_FRAMES} is cut off rather than allowed to
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
        final AtomicInteger pending = new AtomicInteger();

        Peer(Session session) {
            this.session = session;
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
        String frame = ChatJson.event(event);
        for (Connection target : targets) {
            send(target.connectionId(), frame);
        }
    }

    /** Sends one frame to one connection of this process; unknown ids are skipped (another process, or just closed). */
    public void send(String connectionId, String frame) {
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
        peer.session.sendText(frame, Callback.from(peer.pending::decrementAndGet, failure -> {
            peer.pending.decrementAndGet();
            if (peers.remove(connectionId, peer)) gone.gone(connectionId);
        }));
    }

    @Override
    public void close(List<Connection> targets) {
        for (Connection target : targets) {
            Peer peer = peers.remove(target.connectionId());
            if (peer != null) peer.session.close(StatusCode.NORMAL, "Closed by the server", Callback.NOOP);
        }
    }
}
