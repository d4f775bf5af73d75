package com.englishstudy.chat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The simulated clients: one WebSocket per member, all in this process, so one {@link System#nanoTime()}
 * stamps a message when it is sent and again when each member receives it.
 *
 * <p>A message's content is {@code t=<nanos since start> s=<sender>#<seq>}; receipt parses it straight from
 * the frame's bytes (no String, no JSON tree) and records the latency if the send fell in the measured window. Sends and
 * receipts are classified by that embedded send time, so warm-up traffic never counts.
 *
 * <p>The sockets are Netty channels on one event-loop group ({@code bench.selectors} threads, {@code bench-ws-N}):
 * the generator shares the machine's cores with the server, so it must cost a frame as little CPU as it can
 * (README, "Why Netty"). Everything a peer does (its sends, its receive checks, its sequence numbers) runs on its
 * channel's event loop, so a peer's state needs no locking and its sequence order is its wire order.
 */
public final class Load implements AutoCloseable {
    private static final byte[] MARK_BYTES = "\"content\":\"t=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME_START = "{\"action\":\"sendMessage\",\"content\":\"t=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME_END = "\",\"messageType\":\"TEXT\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME_END_ID = "\",\"messageType\":\"TEXT\",\"clientMessageId\":\"c".getBytes(StandardCharsets.US_ASCII);
    private static final long ORIGIN = System.nanoTime();
    /** Frames the server sends are small; 1 MiB leaves room for anything it could reasonably send. */
    private static final int MAX_FRAME = 1 << 20;
    /**
     * The open-loop pacer sleeps at least this long between wakeups and hands all the sends due by then to the
     * event loop as one task: one cross-thread wakeup per tick instead of one per send. At 9,000 sends/s a tick
     * carries 2–3, and the sends stay spread within a third of a millisecond of their schedule.
     */
    private static final long TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    private final int membersPerRoom;
    private final boolean clientMessageIds;
    private final Peer[] peers;
    private final MultiThreadIoEventLoopGroup group;
    /** The group's loops; peer i lives on lanes[i % lanes.length], fixed before connecting. */
    private final EventLoop[] lanes;
    private final Class<? extends SocketChannel> channelType;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    /** Per event loop, used on that loop's thread only: a received frame's bytes, to parse (see Peer.parse). */
    private final byte[][] scratch;
    /** Set by {@link #close()}: sockets closing from then on are ours, not the server's doing. */
    private volatile boolean closing;

    /** The measured window, in nanos since {@link #ORIGIN}: sends stamped inside it count. */
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;
    /** Closed loop: a member sends its next message on receipt of its own previous one, until this time. */
    private volatile boolean closedLoop;
    private volatile long sendUntil = Long.MAX_VALUE;

    final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    /** Width of a {@link #worstBySlot} slot. */
    static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * The worst latency of the sends of each 100 ms of the measured window: shows whether a high p99 is spread
     * evenly or comes from a few stalls (a GC pause, a descheduled thread), and when.
     */
    volatile AtomicLongArray worstBySlot = new AtomicLongArray(0);
    /** Likewise the generator's worst lag behind its schedule: a slot slow here too was the generator's stall. */
    volatile AtomicLongArray lagBySlot = new AtomicLongArray(0);
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
    private final ChannelFutureListener sendListener = future -> {
        if (!future.isSuccess()) {
            sendFailures.increment();
            firstError.compareAndSet(null, "send failed: " + future.cause());
        }
    };

    Load(List<Rooms.Member> members, int membersPerRoom, int selectors, boolean clientMessageIds) {
        this.membersPerRoom = membersPerRoom;
        this.clientMessageIds = clientMessageIds;
        this.peers = new Peer[members.size()];

        IoHandlerFactory io;
        if (Epoll.isAvailable()) {
            io = EpollIoHandler.newFactory();
            channelType = EpollSocketChannel.class;
        } else {
            System.err.println("bench: native epoll unavailable (" + Epoll.unavailabilityCause() + "), using NIO");
            io = NioIoHandler.newFactory();
            channelType = NioSocketChannel.class;
        }
        // FastThreadLocalThreads: the pooled allocator's per-thread caches live in their fast thread-locals.
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new FastThreadLocalThread(r, "bench-ws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        int loops = Math.max(1, selectors);
        group = new MultiThreadIoEventLoopGroup(loops, threads, io);
        lanes = new EventLoop[loops];
        scratch = new byte[loops][512];
        for (int i = 0; i < loops; i++) lanes[i] = group.next(); // round robin: each loop once
        for (Rooms.Member m : members) peers[m.global()] = new Peer(m, m.global() % loops);
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
        Bootstrap base = new Bootstrap()
                .channel(channelType)
                .option(ChannelOption.ALLOCATOR, alloc)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Peer peer : peers) {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
            URI uri = URI.create(wsUrl + "?roomToken=" + peer.member.token());
            peer.handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null,
                    deflate, new DefaultHttpHeaders(), MAX_FRAME, true, false, -1, false, false);
            peer.onHandshake = failure -> {
                if (failure != null) {
                    failed.increment();
                    firstError.compareAndSet(null, "connect failed: " + failure);
                }
                done.increment();
                permits.release();
            };
            base.clone(lanes[peer.lane]).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    p.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192));
                    // permessage-deflate alone, as the Jetty client offered it and browsers do (they add
                    // client_max_window_bits, which Netty could honour below 15 only with jzlib); Netty's
                    // WebSocketClientCompressionHandler would also offer the obsolete deflate-frame.
                    if (deflate) {
                        p.addLast(new WebSocketClientExtensionHandler(new PerMessageDeflateClientExtensionHandshaker()));
                    }
                    p.addLast(peer);
                }
            }).connect(uri.getHost(), uri.getPort()).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) peer.handshakeDone(f.cause());
            });
        }
        while (done.sum() < peers.length && System.nanoTime() < deadline) Thread.sleep(20);
        if (done.sum() < peers.length || failed.sum() > 0) {
            throw new IllegalStateException((peers.length - done.sum()) + " connects pending, " + failed.sum()
                    + " failed; first: " + firstError.get());
        }
        for (Peer peer : peers) {
            if (!peer.open) throw new IllegalStateException("A WebSocket reported no open session");
        }
    }

    void measureWindow(long from, long to) {
        worstBySlot = new AtomicLongArray((int) ((to - from + SLOT_NANOS - 1) / SLOT_NANOS));
        lagBySlot = new AtomicLongArray(worstBySlot.length());
        measureFrom = from;
        measureTo = to;
    }

    /**
     * Open loop: every member sends {@code ratePerMember} messages a second until {@code until}, spread evenly
     * (member after member, room after room) by one pacing thread. Returns how late sends were against their
     * schedule (the generator's own lag), in nanoseconds.
     *
     * <p>The pacer only decides which sends are due; each tick's sends go to the event loop as one task, which
     * stamps each message right before writing it and measures the lag there, against the schedule: so the lag
     * covers the pacer's oversleep, the hand-off and the event loop's own backlog, and the stamp (what latency
     * is measured from) is the moment the frame is written.
     *
     * <p>The rate climbs linearly from zero to full over the first {@code rampNanos}: a server whose code is not
     * compiled yet is many times slower, and full load from its first second leaves a backlog in its receive
     * queues that a 10 s warm-up was not always long enough to drain (seen with {@code ss}: 1.4 MB unread when
     * the measured phase began).
     */
    Histogram runOpenLoop(double ratePerMember, long start, long rampNanos, long until) {
        Histogram[] lags = new Histogram[lanes.length];
        for (int i = 0; i < lags.length; i++) lags[i] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        int n = peers.length;
        int rooms = n / membersPerRoom;
        // Consecutive sends go to different rooms: member j is room j % rooms, index j / rooms.
        Peer[] order = new Peer[n];
        for (int j = 0; j < n; j++) order[j] = peers[(j % rooms) * membersPerRoom + j / rooms];
        OpenSchedule schedule = new OpenSchedule(1e9 / (ratePerMember * n), rampNanos);
        Batch[] batches = new Batch[lanes.length];
        long k = 0;
        while (true) {
            long now = now();
            if (now >= until) break;
            long due = now < start ? 0 : schedule.dueBy(now - start);
            for (; k < due; k++) {
                long scheduled = start + schedule.at(k);
                if (scheduled >= until) break;
                Peer peer = order[(int) (k % n)];
                Batch b = batches[peer.lane];
                if (b == null) b = batches[peer.lane] = new Batch(lags[peer.lane], (int) Math.min(n, due - k));
                b.add(peer, scheduled);
            }
            for (int i = 0; i < batches.length; i++) {
                if (batches[i] != null) {
                    lanes[i].execute(batches[i]);
                    batches[i] = null;
                }
            }
            // Sleep until the next send is due (at least one tick; the pacer must not spin).
            long next = start + schedule.at(k) - now();
            LockSupport.parkNanos(Math.max(TICK_NANOS, next));
        }
        // Tasks run in order: once this no-op has run on every loop, so has every batch, and their lag is in.
        Histogram lag = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < lanes.length; i++) {
            lanes[i].submit(() -> { }).syncUninterruptibly();
            lag.add(lags[i]);
        }
        return lag;
    }

    /**
     * When the k-th send of the open loop is due, in nanoseconds after its start: sends {@code interval} apart at
     * full rate, after a linear ramp from zero over {@code ramp} (the ramp carries ramp / (2 interval) sends).
     */
    record OpenSchedule(double interval, long ramp) {
        long at(long k) {
            double inRamp = ramp / (2 * interval);
            // Rounded up, so that a send is due at the very nanosecond it is scheduled for.
            return k < inRamp ? (long) Math.ceil(Math.sqrt(2 * ramp * k * interval))
                    : ramp + (long) Math.ceil((k - inRamp) * interval);
        }

        /** How many sends are due by {@code elapsed}: those whose time is at most it. */
        long dueBy(long elapsed) {
            if (elapsed < ramp) return (long) ((double) elapsed * elapsed / (2 * ramp * interval)) + 1;
            return (long) (ramp / (2 * interval) + (elapsed - ramp) / interval) + 1;
        }
    }

    /** One tick's sends on one event loop: stamped, written, and each channel flushed once. */
    private final class Batch implements Runnable {
        private final Histogram lag;
        private Peer[] peers;
        private long[] scheduled;
        private int size;

        Batch(Histogram lag, int capacity) {
            this.lag = lag;
            this.peers = new Peer[Math.max(1, capacity)];
            this.scheduled = new long[peers.length];
        }

        void add(Peer peer, long at) {
            if (size == peers.length) {
                peers = java.util.Arrays.copyOf(peers, size * 2);
                scheduled = java.util.Arrays.copyOf(scheduled, size * 2);
            }
            peers[size] = peer;
            scheduled[size++] = at;
        }

        @Override
        public void run() {
            long highest = lag.getHighestTrackableValue();
            for (int i = 0; i < size; i++) {
                long t = now();
                long late = Math.max(0, t - scheduled[i]);
                lag.recordValue(Math.min(late, highest));
                if (t >= measureFrom && t < measureTo) {
                    lagBySlot.accumulateAndGet((int) ((t - measureFrom) / SLOT_NANOS), late, Math::max);
                }
                peers[i].send(t);
            }
            for (int i = 0; i < size; i++) peers[i].flushIfPending();
        }
    }

    /** Closed loop: each member sends {@code window} messages, then one more per receipt of its own, until {@code until}. */
    void startClosedLoop(int window, long until) {
        sendUntil = until;
        closedLoop = true;
        for (int lane = 0; lane < lanes.length; lane++) {
            int mine = lane;
            lanes[lane].execute(() -> {
                for (int w = 0; w < window; w++) {
                    for (Peer peer : peers) {
                        if (peer.lane == mine) peer.send(now());
                    }
                }
                for (Peer peer : peers) {
                    if (peer.lane == mine) peer.flushIfPending();
                }
            });
        }
    }

    long expectedDeliveriesMeasured() {
        return sentMeasured.sum() * membersPerRoom;
    }

    long expectedDeliveriesAll() {
        return sent.sum() * membersPerRoom;
    }

    /** Closes every socket (a close frame, 1001 going away, then the TCP close) and stops the event loops. */
    @Override
    public void close() {
        closing = true;
        for (Peer peer : peers) {
            Channel ch = peer.channel;
            if (ch != null && ch.isActive()) {
                ch.eventLoop().execute(() -> {
                    if (peer.open) {
                        peer.ctx.writeAndFlush(new CloseWebSocketFrame(1001, "bench done"))
                                .addListener(ChannelFutureListener.CLOSE);
                    } else {
                        ch.close();
                    }
                });
            }
        }
        // Pending tasks (the closes above) still run; then the loops close whatever is left and stop.
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * One member's WebSocket: the last handler of its channel's pipeline. Netty calls it on its channel's event
     * loop only, and every send runs there too, so none of its state needs locking.
     */
    final class Peer extends ChannelInboundHandlerAdapter {
        final Rooms.Member member;
        /** The event loop it lives on, by index into {@link #lanes}. */
        final int lane;
        /** Highest sequence seen from each member of the room, by its index in the room. */
        private final int[] lastSeq;
        /** This member's sends so far; only touched on its event loop, so sequence order is wire order. */
        private int seq;
        /** A frame was written and not flushed yet. */
        private boolean flushPending;
        /** Whether a close (the server's or the socket's) was already reported. */
        private boolean closeSeen;
        WebSocketClientHandshaker handshaker;
        /** Called once: null when the handshake succeeded, else why it did not. */
        java.util.function.Consumer<Throwable> onHandshake;
        volatile ChannelHandlerContext ctx;
        volatile Channel channel;
        volatile boolean open;

        Peer(Rooms.Member member, int lane) {
            this.member = member;
            this.lane = lane;
            this.lastSeq = new int[membersPerRoom];
        }

        void handshakeDone(Throwable failure) {
            java.util.function.Consumer<Throwable> callback = onHandshake;
            onHandshake = null;
            if (callback != null) callback.accept(failure);
        }

        /** Writes (not flushes) this member's next message, stamped {@code t}. On its event loop only. */
        void send(long t) {
            int s = ++seq;
            ByteBuf buf = alloc.ioBuffer(160);
            buf.writeBytes(FRAME_START);
            writeDecimal(buf, t);
            buf.writeByte(' ').writeByte('s').writeByte('=');
            writeDecimal(buf, member.global());
            buf.writeByte('#');
            writeDecimal(buf, s);
            if (clientMessageIds) {
                buf.writeBytes(FRAME_END_ID);
                writeDecimal(buf, s);
                buf.writeByte('"').writeByte('}');
            } else {
                buf.writeBytes(FRAME_END);
            }
            sent.increment();
            if (t >= measureFrom && t < measureTo) sentMeasured.increment();
            ChannelHandlerContext c = ctx;
            if (c == null || !open) {
                buf.release();
                sendFailures.increment();
                firstError.compareAndSet(null, "send failed: socket of member " + member.global() + " not open");
                return;
            }
            c.write(new TextWebSocketFrame(buf)).addListener(sendListener);
            flushPending = true;
        }

        void flushIfPending() {
            if (flushPending) {
                flushPending = false;
                ctx.flush();
            }
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            this.channel = ctx.channel();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel()).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) fail(ctx, f.cause());
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof TextWebSocketFrame frame) {
                    long at = now();
                    ByteBuf payload = frame.content();
                    if (!frame.isFinalFragment()) {
                        otherEvents.increment(); // the server sends small messages whole; say so if not
                    } else if (!parse(payload, at)) {
                        unexpected(payload.toString(StandardCharsets.UTF_8));
                    }
                } else if (msg instanceof ContinuationWebSocketFrame) {
                    otherEvents.increment();
                } else if (msg instanceof PingWebSocketFrame ping) {
                    ctx.write(new PongWebSocketFrame(ping.content().retain()));
                    flushPending = true;
                } else if (msg instanceof CloseWebSocketFrame close) {
                    int code = close.statusCode() < 0 ? 1005 : close.statusCode(); // 1005: no code given
                    closed(code, close.reasonText());
                    ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retain()))
                            .addListener(ChannelFutureListener.CLOSE);
                } else if (msg instanceof FullHttpResponse response && !handshaker.isHandshakeComplete()) {
                    handshaker.finishHandshake(ctx.channel(), response);
                    String extensions = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
                    if (extensions != null && !extensions.isBlank()) deflated.increment();
                    open = true;
                    handshakeDone(null);
                }
            } catch (RuntimeException e) {
                fail(ctx, e);
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushIfPending(); // the closed loop's next sends, pongs: one flush per read
        }

        /**
         * Finds the stamp in the frame's bytes. They are copied once into this loop's scratch array and scanned
         * there: ByteBuf.getByte checks bounds and the reference count on every byte, which made the scan half
         * of the bench's user CPU.
         */
        private boolean parse(ByteBuf buf, long at) {
            int end = buf.readableBytes();
            byte[] b = scratch[lane];
            if (b.length < end) b = scratch[lane] = new byte[Math.max(end, 2 * b.length)];
            buf.getBytes(buf.readerIndex(), b, 0, end);
            int from = indexOf(b, end, MARK_BYTES);
            if (from < 0) return false;
            int p = from + MARK_BYTES.length;
            long t = 0;
            byte c;
            while (p < end && (c = b[p]) >= '0' && c <= '9') {
                t = t * 10 + (c - '0');
                p++;
            }
            p += 3; // " s="
            int sender = 0;
            while (p < end && (c = b[p]) >= '0' && c <= '9') {
                sender = sender * 10 + (c - '0');
                p++;
            }
            p++; // '#'
            int s = 0;
            while (p < end && (c = b[p]) >= '0' && c <= '9') {
                s = s * 10 + (c - '0');
                p++;
            }
            delivered(t, sender, s, at);
            return true;
        }

        private static int indexOf(byte[] b, int end, byte[] pattern) {
            int last = end - pattern.length;
            byte first = pattern[0];
            outer:
            for (int i = 0; i <= last; i++) {
                if (b[i] != first) continue;
                for (int j = 1; j < pattern.length; j++) {
                    if (b[i + j] != pattern[j]) continue outer;
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
                worstBySlot.accumulateAndGet((int) ((t - measureFrom) / SLOT_NANOS), value, Math::max);
                if (member.room() < stalledRooms) latencyStalledRooms.recordValue(value);
            }
            if (sender / membersPerRoom != member.room()) {
                wrongRoom.increment();
            } else {
                int from = sender % membersPerRoom;
                if (s <= lastSeq[from]) outOfOrder.increment();
                else lastSeq[from] = s;
            }
            // Written here, flushed once the read is done (channelReadComplete).
            if (closedLoop && sender == member.global() && at < sendUntil) send(now());
        }

        /** The socket closed; reports it once. 1000 and 1001 are normal, anything else the server's doing. */
        private void closed(int statusCode, String reason) {
            if (closeSeen) return;
            closeSeen = true;
            open = false;
            if (statusCode != 1000 && statusCode != 1001) {
                closedByServer.increment();
                firstError.compareAndSet(null, "closed " + statusCode + " " + reason + " (member " + member.global() + ")");
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open = false;
            if (onHandshake != null) {
                handshakeDone(new ClosedChannelException());
            } else if (!closing) {
                closed(1006, "connection lost without a close frame"); // as Jetty reported it: abnormal closure
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            if (onHandshake != null) {
                handshakeDone(cause);
            } else {
                firstError.compareAndSet(null, "WebSocket error: " + cause);
            }
            ctx.close();
        }
    }

    /** Appends {@code v >= 0} in decimal ASCII, without a String. */
    private static void writeDecimal(ByteBuf buf, long v) {
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) digits++;
        int at = buf.writerIndex();
        buf.ensureWritable(digits);
        for (int i = at + digits - 1; i >= at; i--) {
            buf.setByte(i, (int) ('0' + v % 10));
            v /= 10;
        }
        buf.writerIndex(at + digits);
    }
}
