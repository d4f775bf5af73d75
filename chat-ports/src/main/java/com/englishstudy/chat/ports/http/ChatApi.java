package com.englishstudy.chat.ports.http;

import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.common.UserIds;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageQueries;
import com.englishstudy.chat.domain.room.CreateRoomCommand;
import com.englishstudy.chat.domain.room.DeleteRoomCommand;
import com.englishstudy.chat.domain.room.JoinRoomCommand;
import com.englishstudy.chat.domain.room.LeaveRoomCommand;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomFilter;
import com.englishstudy.chat.domain.room.RoomQueries;
import com.englishstudy.chat.domain.tutor.AskTutorCommand;
import com.englishstudy.chat.domain.voice.ReadAloudCommand;
import com.englishstudy.chat.domain.voice.Voice;
import com.englishstudy.chat.ports.cursor.CursorCodec;
import com.englishstudy.chat.ports.json.ChatJson;
import com.englishstudy.chat.ports.json.JsonInput;
import java.lang.System.Logger;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The REST API of SPEC 4 as one function from request to response, for every runtime. Runtimes only move
 * bytes: they build an {@link ApiRequest} and write back the {@link ApiResponse}'s status and body.
 * Never throws: an unexpected failure is logged and answered with a bare 500.
 */
public final class ChatApi {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = System.getLogger(ChatApi.class.getName());

    private final ChatCore core;
    private final CursorCodec cursors;
    private final Supplier<Map<String, Object>> health;

    /**
     * @param health extra facts for {@code GET /health} (version, counts), asked for on each call
     */
    public ChatApi(ChatCore core, CursorCodec cursors, Supplier<Map<String, Object>> health) {
        this.core = core;
        this.cursors = cursors;
        this.health = health;
    }

    public ApiResponse handle(ApiRequest request) {
        try {
            if (request.body().length > MAX_BODY_BYTES) return bodyTooLarge();
            return route(request);
        } catch (ChatException e) {
            return new ApiResponse(ErrorStatus.of(e), ChatJson.failure(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure on " + request.method() + " " + request.path(), e);
            return new ApiResponse(500, ChatJson.failure("Internal server error"));
        }
    }

    /** The answer to a body over {@link #MAX_BODY_BYTES}; also for a runtime that can tell from the headers alone. */
    public static ApiResponse bodyTooLarge() {
        return new ApiResponse(413, ChatJson.failure("Request body is larger than 64 KiB"));
    }

    private ApiResponse route(ApiRequest request) {
        List<String> path = PathSegments.of(request.path());
        String method = request.method();
        return switch (path.size()) {
            case 1 -> switch (path.get(0)) {
                case "health" -> method.equals("GET") ? health() : notFound();
                case "rooms" -> switch (method) {
                    case "POST" -> createRoom(request);
                    case "GET" -> listRooms(request);
                    default -> notFound();
                };
                default -> notFound();
            };
            case 2 -> path.get(0).equals("rooms") ? switch (method) {
                case "GET" -> getRoom(path.get(1));
                case "DELETE" -> deleteRoom(request, path.get(1));
                default -> notFound();
            } : notFound();
            case 3 -> {
                String first = path.get(0);
                String id = path.get(1);
                String last = path.get(2);
                if (first.equals("rooms")) {
                    yield switch (method + " " + last) {
                        case "POST join" -> joinRoom(request, id);
                        case "POST leave" -> leaveRoom(request, id);
                        case "GET messages" -> roomMessages(request, id);
                        case "POST ai" -> askTutor(request, id);
                        default -> notFound();
                    };
                }
                if (first.equals("users") && last.equals("messages") && method.equals("GET")) yield userMessages(request, id);
                if (first.equals("messages") && last.equals("voice") && method.equals("POST")) yield readAloud(request, id);
                yield notFound();
            }
            default -> notFound();
        };
    }

    private static ApiResponse notFound() {
        return new ApiResponse(404, ChatJson.failure("No such route"));
    }

    private static ApiResponse ok(int status, String message, ChatJson.Body data) {
        return new ApiResponse(status, ChatJson.success(message, data));
    }

    private ApiResponse health() {
        Map<String, Object> facts = health.get();
        return ok(200, "ok", g -> {
            g.writeStartObject();
            for (var fact : facts.entrySet()) {
                g.writeFieldName(fact.getKey());
                switch (fact.getValue()) {
                    case Number n -> g.writeNumber(n.longValue());
                    case Boolean b -> g.writeBoolean(b);
                    case null -> g.writeNull();
                    default -> g.writeString(String.valueOf(fact.getValue()));
                }
            }
            g.writeEndObject();
        });
    }

    private ApiResponse createRoom(ApiRequest request) {
        JsonInput body = JsonInput.parse(request.body(), "Request body");
        String createdBy = Caller.resolve(request, body.string("createdBy"));
        Boolean isPrivate = body.bool("isPrivate");
        var command = new CreateRoomCommand(body.string("name"), body.string("description"),
                Level.parse(body.string("level"), "level"), body.integer("maxMembers"),
                isPrivate != null && isPrivate, body.string("password"), createdBy);
        Room room = core.createRoom().createRoom(command);
        return ok(201, "Room created", g -> ChatJson.roomDetail(g, room));
    }

    private ApiResponse listRooms(ApiRequest request) {
        Map<String, String> query = request.query();
        String levelRaw = QueryParams.nonBlank(query, "level");
        Level level = levelRaw == null ? null : Level.parse(levelRaw, "level");
        boolean joined = QueryParams.flag(query, "joined");
        String userId = Caller.resolve(request, QueryParams.nonBlank(query, "userId"));
        if (userId != null) UserIds.requireWellFormed(userId, "userId");
        if (joined && userId == null) throw new ChatException.InvalidInput("userId is required when joined=true");
        int limit = QueryParams.limit(query, RoomQueries.DEFAULT_PAGE_SIZE, RoomQueries.MAX_PAGE_SIZE);
        RoomFilter filter = new RoomFilter(level, joined ? userId : null);
        String scope = "rooms|" + (level == null ? "" : level.wire()) + "|" + (joined ? userId : "");
        String after = cursors.open(scope, QueryParams.nonBlank(query, "cursor"));
        Page<Room> page = core.roomQueries().listRooms(filter, new PageRequest(limit, after));
        String next = cursors.seal(scope, page.nextPosition());
        return ok(200, "Rooms retrieved", g -> ChatJson.page(g, "rooms", page.items(),
                (gen, room) -> ChatJson.roomSummary(gen, (Room) room), next));
    }

    private ApiResponse getRoom(String roomId) {
        Room room = core.roomQueries().getRoom(roomId);
        return ok(200, "Room retrieved", g -> ChatJson.roomDetail(g, room));
    }

    private ApiResponse joinRoom(ApiRequest request, String roomId) {
        JsonInput body = JsonInput.parse(request.body(), "Request body");
        var command = new JoinRoomCommand(roomId, Caller.resolve(request, body.string("userId")), body.string("password"));
        var joined = core.joinRoom().joinRoom(command);
        return ok(200, "Joined room", g -> ChatJson.joined(g, joined));
    }

    private ApiResponse leaveRoom(ApiRequest request, String roomId) {
        JsonInput body = JsonInput.parse(request.body(), "Request body");
        var left = core.leaveRoom().leaveRoom(new LeaveRoomCommand(roomId, Caller.resolve(request, body.string("userId"))));
        return ok(200, "Left room", g -> ChatJson.left(g, left));
    }

    private ApiResponse deleteRoom(ApiRequest request, String roomId) {
        String userId = Caller.resolve(request, QueryParams.nonBlank(request.query(), "userId"));
        core.deleteRoom().deleteRoom(new DeleteRoomCommand(roomId, userId));
        return ok(200, "Room deleted", null);
    }

    private ApiResponse roomMessages(ApiRequest request, String roomId) {
        String userId = Caller.resolve(request, QueryParams.nonBlank(request.query(), "userId"));
        UserIds.requireWellFormed(userId, "userId");
        int limit = QueryParams.limit(request.query(), MessageQueries.DEFAULT_PAGE_SIZE, MessageQueries.MAX_PAGE_SIZE);
        String scope = "room-messages|" + roomId;
        String after = cursors.open(scope, QueryParams.nonBlank(request.query(), "cursor"));
        Page<ChatMessage> page = core.messageQueries().roomMessages(roomId, userId, new PageRequest(limit, after));
        return messagePage(page, cursors.seal(scope, page.nextPosition()));
    }

    private ApiResponse userMessages(ApiRequest request, String userId) {
        // The path names whose messages these are; with a verified caller it must be that caller. The local
        // runtime takes the path as the caller, and no one may act as the tutor (whose messages span every room).
        Caller.resolve(request, userId);
        UserIds.requireActor(userId, "userId");
        int limit = QueryParams.limit(request.query(), MessageQueries.DEFAULT_PAGE_SIZE, MessageQueries.MAX_PAGE_SIZE);
        String scope = "user-messages|" + userId;
        String after = cursors.open(scope, QueryParams.nonBlank(request.query(), "cursor"));
        Page<ChatMessage> page = core.messageQueries().userMessages(userId, new PageRequest(limit, after));
        return messagePage(page, cursors.seal(scope, page.nextPosition()));
    }

    private static ApiResponse messagePage(Page<ChatMessage> page, String next) {
        return ok(200, "Messages retrieved", g -> ChatJson.page(g, "messages", page.items(),
                (gen, m) -> ChatJson.message(gen, (ChatMessage) m), next));
    }

    private ApiResponse askTutor(ApiRequest request, String roomId) {
        JsonInput body = JsonInput.parse(request.body(), "Request body");
        ChatMessage reply = core.askTutor().askTutor(new AskTutorCommand(roomId, Caller.resolve(request, body.string("userId"))));
        return ok(201, "AI response created", g -> ChatJson.message(g, reply));
    }

    private ApiResponse readAloud(ApiRequest request, String messageId) {
        JsonInput body = JsonInput.parse(request.body(), "Request body");
        var command = new ReadAloudCommand(messageId, Caller.resolve(request, body.string("userId")),
                Voice.parse(body.string("voice")));
        var ready = core.readAloud().readAloud(command);
        return ok(200, "Voice ready", g -> ChatJson.voiceReady(g, ready));
    }
}
