package com.englishstudy.chat.javalin;

import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.common.RandomIds;
import com.englishstudy.chat.domain.connection.InMemoryConnectionRepository;
import com.englishstudy.chat.domain.room.InMemoryRoomRepository;
import com.englishstudy.chat.ports.cursor.CursorCodec;
import com.englishstudy.chat.ports.http.ApiRequest;
import com.englishstudy.chat.ports.http.ApiResponse;
import com.englishstudy.chat.ports.http.ChatApi;
import com.englishstudy.chat.ports.http.QueryStrings;
import com.englishstudy.chat.ports.json.ChatJson;
import com.englishstudy.chat.local.voice.InMemoryAudioStore;
import com.englishstudy.chat.ports.socket.ChatSocket;
import com.englishstudy.chat.dynamodb.DynamoDbConfig;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import io.javalin.Javalin;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.util.UUID;

/**
 * The local runtime: the chat API on embedded Javalin, HTTP and WebSocket on one port.
 * This class is its composition root: every object is built here by hand, in order.
 */
public final class ChatServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());
    private static final String ANSWERED = "chat.answered";
    /** Read buffer and first size of the text builder of each socket's incoming messages. */
    private static final int INPUT_BUFFER_BYTES = 1024;
    private static final List<HandlerType> METHODS =
            List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                    HandlerType.DELETE);

    private final Javalin app;
    private final ChatCore core;
    /** Clients and providers to close after the server has stopped. */
    private final List<AutoCloseable> resources;

    private ChatServer(Javalin app, ChatCore core, List<AutoCloseable> resources) {
        this.app = app;
        this.core = core;
        this.resources = List.copyOf(resources);
    }

    public static void main(String[] args) {
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
        ChatServer server = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chat-server-shutdown"));
        String shownHost = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        LOG.log(System.Logger.Level.INFO, "Chat server ready at http://" + shownHost + ":" + server.port()
                + "/ (store: " + config.store() + ")");
    }

    public static ChatServer start(ServerConfig config) {
        Clock clock = Clock.systemUTC();
        List<AutoCloseable> resources = new ArrayList<>();
        ChatStorage storage = storageFor(config, clock, resources);
        var broadcaster = new SessionBroadcaster(connectionId -> storage.connections().delete(connectionId));
        var ai = AiProviders.fromEnvironment(config.env());
        resources.add(ai);
        ChatCore core = ChatCore.create(config.settings(), new ChatCore.Dependencies(
                storage, broadcaster, ai.tutor(), ai.speech(), ai.audio(), new RandomIds(), clock));
        ChatApi api = new ChatApi(core, CursorCodec.fromSecret(config.cursorSecret()),
                () -> healthFacts(config, storage, broadcaster));
        ChatSocket socket = new ChatSocket(core);

        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.concurrency.useVirtualThreads = true;
            javalin.http.maxRequestSize = ChatApi.MAX_BODY_BYTES + 1L;
            javalin.jetty.host = config.host();
            javalin.jetty.port = config.port();
            Duration idle = config.settings().connectionTtl();
            javalin.jetty.modifyServer(server -> {
                server.setStopTimeout(5_000);
                server.setErrorHandler(JsonErrorPages.forServer());
            });
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });

            for (String path : List.of("/health", "/rooms", "/rooms/{a}", "/rooms/{a}/{b}", "/users/{a}/{b}",
                    "/messages/{a}/{b}")) {
                for (HandlerType method : METHODS) {
                    javalin.routes.addHttpHandler(method, path, ctx -> answer(ctx, handle(api, ctx)));
                }
            }
            javalin.routes.get("/docs", ctx -> ctx.html(resource("/web/docs.html")));
            if (ai.localAudio() != null) {
                javalin.routes.get("/audio/<key>", ctx -> serveAudio(ctx, ai.localAudio()));
            }
            javalin.routes.error(404, ctx -> {
                if (ctx.attribute(ANSWERED) == null) {
                    answer(ctx, new ApiResponse(404, ChatJson.failure("No such route")));
                }
            });

            // /ws is served by Jetty's own WebSocket container rather than Javalin's ws routes: Javalin keeps each
            // socket's whole upgrade request (headers, query, attributes, an HTTP session) for its life, which
            // costs a third of an idle connection's memory; a bare Jetty endpoint keeps only its connection id.
            javalin.jetty.modifyServletContextHandler(handler -> {
                handler.setErrorHandler(JsonErrorPages.forServlets());
                JettyWebSocketServletContainerInitializer.configure(handler, (servletContext, container) -> {
                    // Browsers offer permessage-deflate; accepting it would compress every frame once per
                    // receiver (and hold a zlib state per socket), undoing encode-once. API Gateway declines it too.
                    WebSocketServerComponents.getWebSocketComponents(handler).getExtensionRegistry()
                            .unregister("permessage-deflate");
                    container.setIdleTimeout(idle);
                    // Jetty hands a frame over in pieces of at most this size; SocketEndpoint refuses a message
                    // over it with an error event and keeps the socket, as SPEC 5 wants for a refused frame.
                    container.setMaxFrameSize(ChatApi.MAX_BODY_BYTES);
                    // Jetty starts every incoming text message's builder at this size (default 4 KiB); frames
                    // are a few hundred bytes, so 1 KiB spares most of that garbage (larger messages grow it).
                    container.setInputBufferSize(INPUT_BUFFER_BYTES);
                    container.addMapping("/ws", (request, response) -> upgrade(socket, broadcaster, request, response));
                });
            });
        });
        app.start();
        LOG.log(System.Logger.Level.INFO, "AI: " + ai.description());
        return new ChatServer(app, core, resources);
    }

    /**
     * Decides an upgrade to {@code /ws}: the token is spent and the connection bound to its room before the
     * upgrade is answered, so a client that sees its socket open gets every event from then on (events that
     * come before the socket is attached are held by the broadcaster). A refusal answers with its status (401).
     */
    private static Object upgrade(ChatSocket socket, SessionBroadcaster broadcaster, JettyServerUpgradeRequest request,
                                  JettyServerUpgradeResponse response) throws IOException {
        List<String> tokens = request.getParameterMap().get("roomToken");
        String token = tokens == null || tokens.isEmpty() ? null : tokens.getFirst();
        switch (socket.admit(token)) {
            case ChatSocket.Admission.Refused refused -> {
                response.sendError(refused.status(), refused.error());
                return null;
            }
            case ChatSocket.Admission.Admitted admitted -> {
                String connectionId = UUID.randomUUID().toString();
                broadcaster.expect(connectionId);
                if (socket.open(connectionId, admitted) instanceof ChatSocket.ConnectOutcome.Refused refused) {
                    broadcaster.unregister(connectionId);
                    response.sendError(refused.status(), refused.error());
                    return null;
                }
                return new SocketEndpoint(connectionId, socket, broadcaster);
            }
        }
    }

    /**
     * One open socket: it keeps its connection id and, while a message comes in pieces, those pieces. Jetty calls
     * it one frame at a time, and hands a frame over in pieces when it is larger than the frame size or spans two
     * reads. A message over {@link ChatApi#MAX_BODY_BYTES} is answered with an error event as soon as it passes
     * the limit and the rest of it is dropped as it arrives, and a binary one is answered likewise, so that
     * neither closes the socket (SPEC 5); only a message past {@link #CLOSE_PAST_BYTES} does. Public, as Jetty
     * requires.
     */
    public static final class SocketEndpoint implements Session.Listener.AutoDemanding {
        /**
         * Past this much of one message the socket is closed (1009): what is over the limit is dropped, but a
         * message that never ends would keep a thread decoding it. API Gateway closes at 128 KB.
         */
        static final long CLOSE_PAST_BYTES = 1024 * 1024;

        private final String connectionId;
        private final ChatSocket socket;
        private final SessionBroadcaster broadcaster;
        private Session session;
        /** The text so far of a message that came in more than one piece; null between messages and once too large. */
        private StringBuilder pieces;
        /** Of the message coming in pieces: its UTF-8 bytes so far (counted as chars once it is over the limit). */
        private long pieceBytes;

        SocketEndpoint(String connectionId, ChatSocket socket, SessionBroadcaster broadcaster) {
            this.connectionId = connectionId;
            this.socket = socket;
            this.broadcaster = broadcaster;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            if (!broadcaster.attach(connectionId, session)) {
                // Cut off or closed by the server (room deleted, member left) while it was opening.
                session.close(StatusCode.NORMAL, "Closed by the server", Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketPartialText(String piece, boolean last) {
            if (last && pieces == null && pieceBytes == 0) {
                // The usual case: a whole message in one piece, which the frame size keeps within the limit.
                reply(socket.onFrame(connectionId, piece));
                return;
            }
            boolean wasTooLarge = pieceBytes > ChatApi.MAX_BODY_BYTES;
            // Rare (a message in pieces), so the bytes are counted the plain way.
            pieceBytes += wasTooLarge ? piece.length() : piece.getBytes(StandardCharsets.UTF_8).length;
            if (pieceBytes > CLOSE_PAST_BYTES) {
                session.close(StatusCode.MESSAGE_TOO_LARGE, "Message too large", Callback.NOOP);
            } else if (pieceBytes <= ChatApi.MAX_BODY_BYTES) {
                if (pieces == null) pieces = new StringBuilder(Math.min(piece.length() * 2, ChatApi.MAX_BODY_BYTES));
                pieces.append(piece);
            } else if (!wasTooLarge) {
                pieces = null;
                broadcaster.send(connectionId, ChatSocket.MESSAGE_TOO_LARGE);
            }
            if (!last) return;
            String message = pieces == null ? null : pieces.toString();
            pieces = null;
            pieceBytes = 0;
            if (message != null) reply(socket.onFrame(connectionId, message));
        }

        @Override
        public void onWebSocketPartialBinary(ByteBuffer piece, boolean last, Callback callback) {
            // Completed last: if the answer throws, Jetty fails the callback, which must not have succeeded yet.
            if (last) broadcaster.send(connectionId, ChatSocket.BINARY_FRAME_REFUSED);
            callback.succeed();
        }

        private void reply(List<String> replies) {
            for (String reply : replies) broadcaster.send(connectionId, reply);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            broadcaster.unregister(connectionId);
            socket.onDisconnect(connectionId);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket error on " + connectionId, cause);
        }
    }

    private static ChatStorage storageFor(ServerConfig config, Clock clock, List<AutoCloseable> resources) {
        return switch (config.store()) {
            case "dynamodb" -> {
                DynamoDbConfig dynamo = DynamoDbConfig.fromEnv(config.env());
                DynamoDbClient client = dynamo.newClient();
                resources.add(client);
                yield DynamoDbStorage.open(dynamo, client);
            }
            default -> ChatStorage.inMemory(clock);
        };
    }

    private static Map<String, Object> healthFacts(ServerConfig config, ChatStorage storage, SessionBroadcaster sessions) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("status", "up");
        facts.put("version", Version.current());
        facts.put("runtime", "javalin");
        facts.put("store", config.store());
        if (storage.rooms() instanceof InMemoryRoomRepository rooms) facts.put("rooms", rooms.size());
        if (storage.connections() instanceof InMemoryConnectionRepository c) facts.put("connections", c.size());
        facts.put("openSockets", sessions.size());
        return facts;
    }

    /**
     * Reads a request for the API, and answers one that cannot be read: a query that is not URL encoding of
     * UTF-8 (400), a body over 64 KiB (413), a body that cannot be read in full (400: it ended before its
     * declared length, or its chunks were malformed). HEAD is answered as GET is, and Jetty leaves the body out.
     */
    private static ApiResponse handle(ChatApi api, Context ctx) {
        Map<String, String> query;
        try {
            query = QueryStrings.parse(ctx.queryString());
        } catch (IllegalArgumentException e) {
            return new ApiResponse(400, ChatJson.failure(QueryStrings.MALFORMED));
        }
        // A client that asked to be told first (Expect: 100-continue) has not sent the body yet: tell it now.
        if (ctx.req().getContentLengthLong() > ChatApi.MAX_BODY_BYTES
                && "100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
            return ChatApi.bodyTooLarge();
        }
        byte[] body;
        try (InputStream in = ctx.bodyInputStream()) {
            // One byte past the limit is enough to know the body is too large.
            body = in.readNBytes(ChatApi.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            // Jetty could not read it: it ended before its declared length, or its chunks were malformed.
            return new ApiResponse(400, ChatJson.failure("The request body could not be read in full"));
        }
        String method = ctx.method() == HandlerType.HEAD ? "GET" : ctx.method().name();
        return api.handle(new ApiRequest(method, ctx.path(), query, body, null));
    }

    private static void answer(Context ctx, ApiResponse response) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(response.status()).contentType(ApiResponse.CONTENT_TYPE).result(response.json());
    }

    private static String resource(String path) {
        try (InputStream in = ChatServer.class.getResourceAsStream(path)) {
            if (in == null) return "<!doctype html><title>Not built</title><p>" + path + " is missing from this build.";
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return app.port();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    public ChatCore core() {
        return core;
    }

    @Override
    public void close() {
        app.stop();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Could not close " + resource, e);
            }
        }
    }

    private static void serveAudio(Context ctx, InMemoryAudioStore audio) {
        switch (audio.open(ctx.pathParam("key"), ctx.queryParam("expires"), ctx.queryParam("sig"))) {
            case InMemoryAudioStore.Fetch.Found found -> ctx.contentType(found.contentType())
                    .header("Cache-Control", "private, max-age=900").result(found.audio());
            case InMemoryAudioStore.Fetch.Refused refused ->
                    answer(ctx, new ApiResponse(403, ChatJson.failure("This audio link is invalid or has expired")));
            case InMemoryAudioStore.Fetch.Missing missing ->
                    answer(ctx, new ApiResponse(404, ChatJson.failure("Audio not found")));
        }
    }
}
