package com.englishstudy.chat.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.ports.json.ChatJson;
import java.time.Instant;
import java.util.UUID;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart's priming hook. Before the snapshot is taken, it runs the request paths once so that the classes
 * they load, the JSON codec and the SDK's marshalling, signing and HTTP code are already loaded and initialised in
 * the snapshot instead of on the first request after a restore.
 *
 * <p>It never writes: every request is one the core answers from a read or refuses before storage (health, a
 * room that does not exist, a listing of one, a create with a bad body, frames from a connection that does not
 * exist, a connect without a token). The AI clients are built but not called. A failure is logged and ignored:
 * priming is an optimisation, and the snapshot must be taken all the same.
 */
public final class Priming implements Resource {
    private static final System.Logger LOG = System.getLogger(Priming.class.getName());

    private final ChatLambda root;

    Priming(ChatLambda root) {
        this.root = root;
    }

    /** Primes this container's root now, as {@code beforeCheckpoint} would; for runs without SnapStart. */
    public static void primeContainer() {
        Container.priming().prime();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to restore: SDK clients reopen their connections on first use.
    }

    public void prime() {
        long start = System.nanoTime();
        String unknown = "priming-" + UUID.randomUUID();
        run("GET /health", () -> HttpEvents.handle(root.api(), http("GET", "/health", null, null)));
        run("GET /rooms", () -> HttpEvents.handle(root.api(), http("GET", "/rooms", "limit=1", null)));
        run("GET /rooms/{id}", () -> HttpEvents.handle(root.api(), http("GET", "/rooms/" + unknown, null, null)));
        run("POST /rooms", () -> HttpEvents.handle(root.api(), http("POST", "/rooms", null, "{\"name\":\"\"}")));
        run("GET /rooms/{id}/messages", () -> HttpEvents.handle(root.api(),
                http("GET", "/rooms/" + unknown + "/messages", "userId=priming&limit=1", null)));
        run("$connect", () -> SocketEvents.connect(root.socket(), socket("$connect", unknown, null)));
        run("sendMessage", () -> SocketEvents.message(root.socket(), root.broadcaster(), socket("sendMessage", unknown,
                "{\"action\":\"sendMessage\",\"content\":\"priming\",\"messageType\":\"TEXT\",\"clientMessageId\":\"p\"}")));
        run("ping", () -> SocketEvents.message(root.socket(), root.broadcaster(), socket("ping", unknown,
                "{\"action\":\"ping\"}")));
        run("event encoding", () -> ChatJson.event(new RoomEvent.MessagePosted(ChatMessage.create(unknown, unknown,
                "priming", "priming", MessageType.TEXT, Instant.now(), null))));
        run("Management API client", () -> root.broadcaster().prepare());
        run("AI clients", root::buildProviderClients);
        LOG.log(System.Logger.Level.INFO, "Primed in {0} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static void run(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Priming " + what + " failed: " + e);
        }
    }

    private static APIGatewayV2HTTPEvent http(String method, String path, String query, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query == null ? "" : query)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").build())
                        .build())
                .build();
    }

    private static APIGatewayV2WebSocketEvent socket(String routeKey, String connectionId, String body) {
        var context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setConnectionId(connectionId);
        context.setEventType(routeKey.equals("$connect") ? "CONNECT" : "MESSAGE");
        var event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        return event;
    }
}
