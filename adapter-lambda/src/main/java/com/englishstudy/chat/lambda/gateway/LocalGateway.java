package com.englishstudy.chat.lambda.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.lambda.ChatAIHandler;
import com.englishstudy.chat.lambda.ChatLambda;
import com.englishstudy.chat.lambda.ChatMessageHandler;
import com.englishstudy.chat.lambda.ChatRoomHandler;
import com.englishstudy.chat.lambda.ChatVoiceHandler;
import com.englishstudy.chat.lambda.WebSocketConnectHandler;
import com.englishstudy.chat.lambda.WebSocketDisconnectHandler;
import com.englishstudy.chat.lambda.WebSocketMessageHandler;
import com.englishstudy.chat.lambda.broadcast.ManagementApi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * A local API Gateway for the Lambda handlers, which AWS SAM cannot run for WebSocket APIs. One port serves
 * the HTTP API at {@code /} and the WebSocket API at {@code /ws} (the paths of the Javalin runtime), turns
 * each request, connect, frame and close into the JSON event API Gateway sends, and invokes the real handlers
 * in this process through the Lambda Java runtime's own deserialisation. It also serves the Management API,
 * {@code POST/GET/DELETE /@connections/{id}}, so the handlers' real SDK client (pointed here by
 * {@code WEBSOCKET_MANAGEMENT_ENDPOINT}) delivers frames to the real sockets.
 *
 * <p>What it copies from API Gateway: route selection ({@code $request.body.action}, else {@code $default}), a
 * {@code $connect} answered non-2xx refuses the upgrade with that status, a message route's response body goes
 * back to the sender, {@code $disconnect} after every close, a post to an unknown or closed connection is a 410
 * with {@code x-amzn-ErrorType: GoneException}, and frames of one connection handled one at a time. What it does
 * not: authorizers, throttling, stages, the 29 s timeout.
 */
public final class LocalGateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalGateway.class.getName());
    private static final String CONNECTION_ID = "gateway.connectionId";
    /** API Gateway's limits: 10 MB for an HTTP API request, 128 KB for a WebSocket message. */
    static final int MAX_HTTP_BODY = 10 * 1024 * 1024;
    static final int MAX_MESSAGE = 128 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Javalin app;
    private final ChatLambda root;
    private final SocketHub hub;

    private LocalGateway(Javalin app, ChatLambda root, SocketHub hub) {
        this.app = app;
        this.root = root;
        this.hub = hub;
    }

    public static void main(String[] args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent("PORT", "8080");
        LocalGateway gateway = start(env, DynamoDbStorage.DEFAULT_ACTIVITY_RESOLUTION);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "local-gateway-shutdown"));
        LOG.log(System.Logger.Level.INFO, "Local API Gateway ready: HTTP API at " + gateway.httpUri()
                + ", WebSocket API at " + gateway.wsUri() + ", @connections at " + gateway.httpUri() + "@connections/");
    }

    /**
     * Starts the gateway, then the handlers' composition root (it needs the gateway's address for
     * {@code WEBSOCKET_MANAGEMENT_ENDPOINT} unless {@code env} names another).
     *
     * @param env                {@code PORT} (0 for any free port), {@code HOST} (127.0.0.1), and SPEC 8's variables
     * @param activityResolution see {@link ChatLambda#create}
     */
    public static LocalGateway start(Map<String, String> env, Duration activityResolution) {
        String host = env.getOrDefault("HOST", "127.0.0.1");
        int port = port(env.getOrDefault("PORT", "8080"));
        SocketHub hub = new SocketHub();
        AtomicReference<Functions> functions = new AtomicReference<>();
        Map<String, String> connectionOfSession = new ConcurrentHashMap<>();

        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.concurrency.useVirtualThreads = true;
            javalin.http.maxRequestSize = MAX_HTTP_BODY;
            javalin.jetty.host = host;
            javalin.jetty.port = port;
            javalin.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setIdleTimeout(IDLE_TIMEOUT);
                factory.setMaxTextMessageSize(MAX_MESSAGE);
                factory.setMaxBinaryMessageSize(MAX_MESSAGE);
            });
            // API Gateway never negotiates permessage-deflate; neither does this stand-in, though browsers offer it.
            javalin.jetty.modifyServletContextHandler(handler -> JettyWebSocketServletContainerInitializer.configure(
                    handler, (servletContext, container) -> WebSocketServerComponents.getWebSocketComponents(handler)
                            .getExtensionRegistry().unregister("permessage-deflate")));
            javalin.jetty.modifyServer(server -> server.setStopTimeout(2_000));

            ManagementEndpoint management = new ManagementEndpoint(hub);
            javalin.routes.post("/@connections/{connectionId}", management::post);
            javalin.routes.get("/@connections/{connectionId}", management::get);
            javalin.routes.delete("/@connections/{connectionId}", management::delete);

            for (HandlerType method : METHODS) {
                javalin.routes.addHttpHandler(method, "/", ctx -> ready(functions, ctx).http(ctx));
                javalin.routes.addHttpHandler(method, "/<path>", ctx -> {
                    if (!ctx.path().startsWith("/@connections/")) ready(functions, ctx).http(ctx);
                });
            }

            javalin.routes.wsBeforeUpgrade("/ws", ctx -> {
                String connectionId = ready(functions, ctx).connect(ctx);
                if (connectionId == null) {
                    ctx.skipRemainingHandlers();
                } else {
                    ctx.attribute(CONNECTION_ID, connectionId);
                }
            });
            javalin.routes.wsAfterUpgrade("/ws", ctx -> {
                var session = ctx.req().getSession(false);
                if (session != null) session.invalidate();
            });
            javalin.routes.ws("/ws", ws -> {
                ws.onConnect(ctx -> {
                    String connectionId = ctx.attribute(CONNECTION_ID);
                    if (connectionId == null) {
                        ctx.closeSession(1008, "Forbidden");
                        return;
                    }
                    connectionOfSession.put(ctx.sessionId(), connectionId);
                    if (!hub.attach(connectionId, ctx.session)) ctx.closeSession(1000, "Closed by the server");
                });
                ws.onMessage(ctx -> {
                    String connectionId = connectionOfSession.get(ctx.sessionId());
                    if (connectionId != null) functions.get().message(connectionId, ctx.message(), false);
                });
                ws.onBinaryMessage(ctx -> {
                    String connectionId = connectionOfSession.get(ctx.sessionId());
                    if (connectionId == null) return;
                    java.nio.ByteBuffer buffer = ctx.data().duplicate();
                    byte[] data = new byte[buffer.remaining()];
                    buffer.get(data);
                    functions.get().message(connectionId, java.util.Base64.getEncoder().encodeToString(data), true);
                });
                ws.onClose(ctx -> {
                    String connectionId = connectionOfSession.remove(ctx.sessionId());
                    if (connectionId == null) return;
                    hub.forget(connectionId);
                    functions.get().disconnect(connectionId, ctx.status(), ctx.reason());
                });
                ws.onError(ctx -> LOG.log(System.Logger.Level.DEBUG, "WebSocket error on " + ctx.sessionId(), ctx.error()));
            });
        });
        app.start();

        Map<String, String> handlerEnv = new HashMap<>(env);
        String self = "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + app.port();
        handlerEnv.putIfAbsent(ManagementApi.ENDPOINT_VARIABLE, self);
        ChatLambda root;
        try {
            root = ChatLambda.create(handlerEnv, activityResolution);
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
        functions.set(new Functions(root, hub, app.port()));
        return new LocalGateway(app, root, hub);
    }

    /** The functions, or a 503 as API Gateway gives while its integrations are not deployed yet. */
    private static Functions ready(AtomicReference<Functions> functions, Context ctx) {
        Functions ready = functions.get();
        return ready != null ? ready : NOT_READY;
    }

    private static final Functions NOT_READY = new Functions() {
        @Override
        void http(Context ctx) {
            ctx.status(503).contentType("application/json").result("{\"message\":\"Service Unavailable\"}");
        }

        @Override
        String connect(Context ctx) {
            http(ctx);
            return null;
        }
    };

    private static int port(String raw) {
        try {
            int port = Integer.parseInt(raw.trim());
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number from 0 to 65535, got '" + raw + "'");
        }
    }

    public int port() {
        return app.port();
    }

    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port() + "/ws");
    }

    /** Connections the Management API can reach now. */
    public int openConnections() {
        return hub.size();
    }

    @Override
    public void close() {
        app.stop();
        root.close();
    }

    /** The seven functions, each invoked as Lambda would: JSON event in, JSON response out. */
    static class Functions {
        private final Map<String, LambdaFunction<?, ?>> byName = new HashMap<>();
        private final EventBuilder events;
        private final SocketHub hub;

        /** Only for {@link #NOT_READY}. */
        private Functions() {
            this.events = null;
            this.hub = null;
        }

        Functions(ChatLambda root, SocketHub hub, int port) {
            this.hub = hub;
            this.events = new EventBuilder(port);
            http("ChatRoomHandler", new ChatRoomHandler(root));
            http("ChatMessageHandler", new ChatMessageHandler(root));
            http("ChatAIHandler", new ChatAIHandler(root));
            http("ChatVoiceHandler", new ChatVoiceHandler(root));
            socket("WebSocketConnectHandler", new WebSocketConnectHandler(root));
            socket("WebSocketMessageHandler", new WebSocketMessageHandler(root));
            socket("WebSocketDisconnectHandler", new WebSocketDisconnectHandler(root));
        }

        private void http(String name, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            byName.put(name, new LambdaFunction<>(name, handler, APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class));
        }

        private void socket(String name, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler) {
            byName.put(name, new LambdaFunction<>(name, handler, APIGatewayV2WebSocketEvent.class,
                    APIGatewayV2WebSocketResponse.class));
        }

        void http(Context ctx) {
            HttpExchange.serve(ctx, events, byName);
        }

        /** @return the new connection's id when {@code $connect} accepted it; otherwise the refusal is answered */
        String connect(Context ctx) {
            return SocketExchange.connect(ctx, events, byName, hub);
        }

        void message(String connectionId, String body, boolean base64) {
            hub.touch(connectionId);
            SocketExchange.message(connectionId, body, base64, events, byName, hub);
        }

        void disconnect(String connectionId, int status, String reason) {
            SocketExchange.disconnect(connectionId, status, reason, events, byName);
        }
    }
}
