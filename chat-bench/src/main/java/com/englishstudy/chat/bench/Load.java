package com.englishstudy.chat.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The simulated clients: one Jetty WebSocket per member, all in this process, so one {@link System#nanoTime()}
 * stamps a message when it is sent and again when each member receives it.
 *
 * <p>A message's content is {@code t=<nanos since start> s=<sender>#<seq>}; receipt parses it straight from
 * the frame's bytes (no String, no JSON tree) and records the latency if the send fell in the measured window. Sends and
 * receipts are classified by that embedded send time, so warm-up traffic never counts.
 */
public final class Load implements AutoCloseable {
    private static final byte[] MARK_BYTES = "\"content\":\"t=".getBytes(StandardCharsets.US_ASCII);
    private static final long ORIGIN = System.nanoTime();

    private final int membersPerRoom;
    private final boolean clientMessageIds;
    private final Peer[] peers;
    private final QueuedThreadPool threads;
    private final HttpClient http;
    private final WebSocketClient ws;

    /** The measured window, in nanos since {@link #ORIGIN}: sends stamped inside it count. */
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;
    /** Closed loop: a member sends its next message on receipt of its own previous one, until this time. */
    private volatile boolean closedLoop;
    private volatile long sendUntil = Long.MAX_VALUE;

    final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    /** Latency in the rooms below {@link #stalledRooms} only: those with a receiver that stopped reading. */
    final Recorder latencyStalledRooms = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    volatile int stalledRooms;
    final LongAdder sent = new LongAdder();
    final LongAdder sentMeasured = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder receivedMeasured = new LongAdder();
    final LongAdder errorEvents = new LongAdder();
    final LongAdder otherEvents = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder wrongRoom = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder closedByServer = new LongAdder();
    /** Sockets on which the server accepted an extension (permessage-deflate). */
    final LongAdder deflated = new LongAdder();
    final AtomicReference<String> firstError = new AtomicReference<>();
    private final Callback sendCallback = Callback.from(() -> { }, failure -> {
        sendFailures.increment();
        firstError.compareAndSet(null, "send failed: " + failure);
    });

    Load(List<Rooms.Member> members, int membersPerRoom, int selectors, boolean clientMessageIds) throws Exception {
        this.membersPerRoom = membersPerRoom;
        this.clientMessageIds = clientMessageIds;
        this.peers = new Peer[members.size()];
        for (Rooms.Member m : members) peers[m.global()] = new Peer(m);

        threads = new QueuedThreadPool(Math.max(8, selectors * 4), 2);
        threads.setName("bench-ws");
        threads.setDaemon(true);
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(selectors);
        http = new HttpClient(transport);
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(members.size() + 64);
        http.setMaxRequestsQueuedPerDestination(members.size() + 64);
        http.setIdleTimeout(TimeUnit.HOURS.toMillis(1));
        http.setConnectTimeout(TimeUnit.SECONDS.toMillis(30));
        ws = new WebSocketClient(http);
        ws.setIdleTimeout(Duration.ofHours(1));
        // Whole frames to the listener: with auto-fragment on, a frame split across two reads arrives in parts.
        ws.setAutoFragment(false);
        ws.setStopTimeout(5_000);
        ws.start();
    }

    static long now() {
        return System.nanoTime() - ORIGIN;
    }

    int size() {
        return peers.length;
    }

    /** Opens every member's WebSocket with its room token, at most {@code inFlight} handshakes at a time. */
    void connectAll(String wsUrl, int inFlight, Duration timeout) throws Exception {
        connectAll(wsUrl, inFlight, timeout, false);
    }

    /**
     * As above; with {@code deflate} each socket offers permessage-deflate, as browsers do, and the server's
     * answer decides whether frames are compressed.
     */
    void connectAll(String wsUrl, int inFlight, Duration timeout, boolean deflate) throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        for (Peer peer : peers) {
            permits.acquire();
            URI uri = URI.create(wsUrl + "?roomToken=" + peer.member.token());
            ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
            if (deflate) request.addExtensions("permessage-deflate");
            ws.connect(peer, request).whenComplete((session, failure) -> {
                if (failure != null) {
                    failed.increment();
                    firstError.compareAndSet(null, "connect failed: " + failure);
                }
                done.increment();
                permits.release();
            });
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.sum() < peers.length && System.nanoTime() < deadline) Thread.sleep(20);
        if (done.sum() < peers.length || failed.sum() > 0) {
            throw new IllegalStateException((peers.length - done.sum()) + " connects pending, " + failed.sum()
                    + " failed; first: " + firstError.get());
        }
        for (Peer peer : peers) {
            if (peer.session == null) throw new IllegalStateException("A WebSocket reported no open session");
        }
    }

    void measureWindow(long from, long to) {
        measureFrom = from;
        measureTo = to;
    }

    /**
     * Open loop: every member sends {@code ratePerMember} messages a second until {@code until}, spread evenly
     * (member after member, room after room) by one pacing thread. Returns how late sends were against their
     * schedule (the generator's own lag), in nanoseconds.
     */
    Histogram runOpenLoop(double ratePerMember, long start, long until) {
        Histogram lag = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        int n = peers.length;
        int rooms = n / membersPerRoom;
        // Consecutive sends go to different rooms: member j is room j % rooms, index j / rooms.
        Peer[] order = new Peer[n];
        for (int j = 0; j < n; j++) order[j] = peers[(j % rooms) * membersPerRoom + j / rooms];
        double interval = 1e9 / (ratePerMember * n);
        long k = 0;
        while (true) {
            long now = now();
            if (now >= until) break;
            long due = now < start ? 0 : (long) ((now - start) / interval) + 1;
            for (; k < due; k++) {
                long scheduled = start + (long) (k * interval);
                if (scheduled >= until) break;
                long t = now();
                lag.recordValue(Math.min(Math.max(0, t - scheduled), lag.getHighestTrackableValue()));
                order[(int) (k % n)].send(t);
            }
            // Sleep until the next send is due (at least 50 us; the pacer must not spin).
            long next = start + (long) (k * interval) - now();
            LockSupport.parkNanos(Math.max(50_000, next));
        }
        return lag;
    }

    /** Closed loop: each member sends {@code window} messages, then one more per receipt of its own, until {@code until}. */
    void startClosedLoop(int window, long until) {
        sendUntil = until;
        closedLoop = true;
        for (int w = 0; w < window; w++) {
            for (Peer peer : peers) peer.sendNow();
        }
    }

    long expectedDeliveriesMeasured() {
        return sentMeasured.sum() * membersPerRoom;
    }

    long expectedDeliveriesAll() {
        return sent.sum() * membersPerRoom;
    }

    @Override
    public void close() {
        try {
            ws.stop();
        } catch (Exception e) {
            // closing anyway
        }
        try {
            http.stop();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /**
     * One member's WebSocket. Jetty calls it for one frame at a time, so its receive state needs no locking.
     * Public, as Jetty binds the listener's methods by method handles.
     */
    public final class Peer implements Session.Listener.AutoDemanding {
        final Rooms.Member member;
        /** Highest sequence seen from each member of the room, by its index in the room. */
        private final int[] lastSeq;
        /** This member's sends so far; guarded by this peer, so sequence order is wire order. */
        private int seq;
        volatile Session session;

        Peer(Rooms.Member member) {
            this.member = member;
            this.lastSeq = new int[membersPerRoom];
        }

        void sendNow() {
            send(now());
        }

        synchronized void send(long t) {
            int s = ++seq;
            String content = "t=" + t + " s=" + member.global() + "#" + s;
            String frame = clientMessageIds
                    ? "{\"action\":\"sendMessage\",\"content\":\"" + content
                            + "\",\"messageType\":\"TEXT\",\"clientMessageId\":\"c" + s + "\"}"
                    : "{\"action\":\"sendMessage\",\"content\":\"" + content + "\",\"messageType\":\"TEXT\"}";
            sent.increment();
            if (t >= measureFrom && t < measureTo) sentMeasured.increment();
            session.sendText(frame, sendCallback);
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            if (!session.getUpgradeResponse().getExtensions().isEmpty()) deflated.increment();
        }

        /**
         * The default receive path: the raw frame, parsed in its bytes, so a delivery costs the bench no
         * String (Jetty's text path allocates a 4 KiB builder per message, input-buffer sized, before the String).
         */
        @Override
        public void onWebSocketFrame(Frame frame, Callback callback) {
            try {
                if (frame.getOpCode() == OpCode.TEXT) {
                    long at = now();
                    ByteBuffer payload = frame.getPayload();
                    if (!frame.isFin()) {
                        otherEvents.increment(); // the server sends small messages whole; say so if not
                    } else if (payload != null && !parse(payload, at)) {
                        unexpected(StandardCharsets.UTF_8.decode(payload.duplicate()).toString());
                    }
                } else if (frame.getOpCode() == OpCode.CONTINUATION) {
                    otherEvents.increment();
                }
                callback.succeed();
            } catch (RuntimeException e) {
                callback.fail(e);
            }
        }

        private boolean parse(ByteBuffer b, long at) {
            int from = indexOf(b, MARK_BYTES);
            if (from < 0) return false;
            int p = from + MARK_BYTES.length;
            int end = b.limit();
            long t = 0;
            byte c;
            while (p < end && (c = b.get(p)) >= '0' && c <= '9') {
                t = t * 10 + (c - '0');
                p++;
            }
            p += 3; // " s="
            int sender = 0;
            while (p < end && (c = b.get(p)) >= '0' && c <= '9') {
                sender = sender * 10 + (c - '0');
                p++;
            }
            p++; // '#'
            int s = 0;
            while (p < end && (c = b.get(p)) >= '0' && c <= '9') {
                s = s * 10 + (c - '0');
                p++;
            }
            delivered(t, sender, s, at);
            return true;
        }

        private static int indexOf(ByteBuffer b, byte[] pattern) {
            int last = b.limit() - pattern.length;
            outer:
            for (int i = b.position(); i <= last; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (b.get(i + j) != pattern[j]) continue outer;
                }
                return i;
            }
            return -1;
        }

        private void unexpected(String text) {
            if (text.contains("\"event\":\"error\"")) {
                errorEvents.increment();
                firstError.compareAndSet(null, "error event: " + text);
            } else {
                otherEvents.increment();
            }
        }

        private void delivered(long t, int sender, int s, long at) {
            received.increment();
            if (t >= measureFrom && t < measureTo) {
                receivedMeasured.increment();
                long value = Math.min(at - t, TimeUnit.SECONDS.toNanos(60));
                latency.recordValue(value);
                if (member.room() < stalledRooms) latencyStalledRooms.recordValue(value);
            }
            if (sender / membersPerRoom != member.room()) {
                wrongRoom.increment();
            } else {
                int from = sender % membersPerRoom;
                if (s <= lastSeq[from]) outOfOrder.increment();
                else lastSeq[from] = s;
            }
            if (closedLoop && sender == member.global() && at < sendUntil) send(now());
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (statusCode != 1000 && statusCode != 1001) {
                closedByServer.increment();
                firstError.compareAndSet(null, "closed " + statusCode + " " + reason + " (member " + member.global() + ")");
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            firstError.compareAndSet(null, "WebSocket error: " + cause);
        }
    }
}
