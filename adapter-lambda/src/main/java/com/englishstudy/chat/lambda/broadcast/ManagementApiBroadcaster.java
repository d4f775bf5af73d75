package com.englishstudy.chat.lambda.broadcast;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.GoneConnections;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.ports.json.ChatJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
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
 * <p>{@link #deliver} returns when every post has been answered, so the next event for the same room, sent
 * after it (the core sends one room's events one at a time), reaches each socket after this one.
 */
public final class ManagementApiBroadcaster implements Broadcaster, AutoCloseable {
    /** Posts in flight at once: enough for a full room's tabs, few enough not to open a connection per post. */
    public static final int MAX_PARALLEL_POSTS = 8;
    private static final System.Logger LOG = System.getLogger(ManagementApiBroadcaster.class.getName());

    private final ApiGatewayManagementApiClient client;
    private final GoneConnections gone;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore permits = new Semaphore(MAX_PARALLEL_POSTS);

    public ManagementApiBroadcaster(ApiGatewayManagementApiClient client, GoneConnections gone) {
        this.client = client;
        this.gone = gone;
    }

    @Override
    public void deliver(List<Connection> targets, RoomEvent event) {
        if (targets.isEmpty()) return;
        SdkBytes frame = SdkBytes.fromUtf8String(ChatJson.event(event));
        fanOut(targets, id -> client.postToConnection(r -> r.connectionId(id).data(frame)));
    }

    /** API Gateway closes each socket and then runs {@code $disconnect} for it. */
    @Override
    public void close(List<Connection> targets) {
        if (targets.isEmpty()) return;
        fanOut(targets, id -> client.deleteConnection(r -> r.connectionId(id)));
    }

    /** Sends one frame to one connection, with the same gone handling as a broadcast. */
    public void send(String connectionId, String frame) {
        SdkBytes data = SdkBytes.fromUtf8String(frame);
        attempt(connectionId, id -> client.postToConnection(r -> r.connectionId(id).data(data)));
    }

    private void fanOut(List<Connection> targets, Consumer<String> call) {
        List<String> ids = targets.stream().map(Connection::connectionId).distinct().toList();
        if (ids.size() == 1) {
            attempt(ids.getFirst(), call);
            return;
        }
        List<Future<?>> running = new ArrayList<>(ids.size());
        for (String id : ids) {
            running.add(workers.submit(() -> {
                permits.acquireUninterruptibly();
                try {
                    attempt(id, call);
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

    private void attempt(String connectionId, Consumer<String> call) {
        try {
            call.accept(connectionId);
        } catch (GoneException e) {
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
        client.close();
    }
}
