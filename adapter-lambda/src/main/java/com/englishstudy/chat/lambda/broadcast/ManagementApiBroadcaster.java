package com.englishstudy.chat.lambda.broadcast;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.GoneConnections;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.ports.json.ChatJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * A {@link Broadcaster} over API Gateway's Management API: one {@code PostToConnection} per receiver, made in
 * parallel, each with its own outcome. A receiver answered with {@code GoneException} (410) is reported to
 * {@link GoneConnections} by its own id; the connection that caused the broadcast is not known here at all,
 * so it can never be the one removed in another's place. Other failures (throttling, a timeout) are logged and
 * the connection kept: it may well be alive, and its TTL or its {@code $disconnect} removes it if not.
 *
 * <p>One exception: a connection opened less than {@link #OPENING} ago that answers 410 is kept. API Gateway
 * refuses posts to a connection until its {@code $connect} function has returned and the handshake is done, but
 * the record is saved inside that function, so a broadcast in that moment finds a record whose socket is not
 * open <em>yet</em>. Removing it would leave a socket that opens deaf; its {@code $disconnect} or TTL removes it
 * if it never opens.
 *
 * <p>{@link #deliver} returns when every post has been answered, so the next event for the same room, sent
 * after it (the core sends one room's events one at a time), reaches each socket after this one.
 */
public final class ManagementApiBroadcaster implements Broadcaster, AutoCloseable {
    /** Posts in flight at once: enough for a full room's tabs, few enough not to open a connection per post. */
    public static final int MAX_PARALLEL_POSTS = 8;
    /** How long after its {@code $connect} a connection answering 410 is taken as still opening. */
    public static final Duration OPENING = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(ManagementApiBroadcaster.class.getName());

    /** Built on first use: three of the seven functions never post, and need not load the client to start. */
    private final Supplier<ApiGatewayManagementApiClient> clientFactory;
    private final ReentrantLock building = new ReentrantLock();
    private volatile ApiGatewayManagementApiClient client;
    private final GoneConnections gone;
    private final Clock clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore permits = new Semaphore(MAX_PARALLEL_POSTS);

    public ManagementApiBroadcaster(Supplier<ApiGatewayManagementApiClient> clientFactory, GoneConnections gone,
                                    Clock clock) {
        this.clientFactory = clientFactory;
        this.gone = gone;
        this.clock = clock;
    }

    /** Builds the client now rather than on the first post (the priming hook calls this). */
    public void prepare() {
        client();
    }

    private ApiGatewayManagementApiClient client() {
        ApiGatewayManagementApiClient built = client;
        if (built != null) return built;
        building.lock();
        try {
            if (client == null) client = clientFactory.get();
            return client;
        } finally {
            building.unlock();
        }
    }

    @Override
    public void deliver(List<Connection> targets, RoomEvent event) {
        if (targets.isEmpty()) return;
        SdkBytes frame = SdkBytes.fromUtf8String(ChatJson.event(event));
        Instant opening = clock.instant().minus(OPENING);
        fanOut(targets, target -> target.connectedAt().isAfter(opening),
                id -> client().postToConnection(r -> r.connectionId(id).data(frame)));
    }

    /** API Gateway closes each socket and then runs {@code $disconnect} for it. */
    @Override
    public void close(List<Connection> targets) {
        if (targets.isEmpty()) return;
        fanOut(targets, target -> false, id -> client().deleteConnection(r -> r.connectionId(id)));
    }

    /** Sends one frame to one connection, with the same gone handling as a broadcast. */
    public void send(String connectionId, String frame) {
        SdkBytes data = SdkBytes.fromUtf8String(frame);
        attempt(connectionId, false, id -> client().postToConnection(r -> r.connectionId(id).data(data)));
    }

    private void fanOut(List<Connection> targets, Predicate<Connection> stillOpening, Consumer<String> call) {
        Map<String, Connection> byId = new LinkedHashMap<>();
        for (Connection target : targets) byId.putIfAbsent(target.connectionId(), target);
        if (byId.size() == 1) {
            Connection only = byId.values().iterator().next();
            attempt(only.connectionId(), stillOpening.test(only), call);
            return;
        }
        List<Future<?>> running = new ArrayList<>(byId.size());
        for (Connection target : byId.values()) {
            boolean opening = stillOpening.test(target);
            running.add(workers.submit(() -> {
                permits.acquireUninterruptibly();
                try {
                    attempt(target.connectionId(), opening, call);
                } finally {
                    permits.release();
                }
            }));
        }
        for (Future<?> post : running) {
            try {
                post.get();
            } catch (InterruptedException e) {
                // Each post ends by its own timeout; the caller asked to stop waiting for them.
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.ERROR, "A post failed unexpectedly", e.getCause());
            }
        }
    }

    private void attempt(String connectionId, boolean opening, Consumer<String> call) {
        try {
            call.accept(connectionId);
        } catch (GoneException e) {
            if (opening) {
                LOG.log(System.Logger.Level.DEBUG, "Connection {0} is not open yet; kept", connectionId);
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "Connection {0} is gone", connectionId);
            forget(connectionId);
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not reach connection " + connectionId + ": " + e.getMessage());
        }
    }

    private void forget(String connectionId) {
        try {
            gone.gone(connectionId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not remove gone connection " + connectionId, e);
        }
    }

    @Override
    public void close() {
        workers.shutdown();
        if (client != null) client.close();
    }
}
