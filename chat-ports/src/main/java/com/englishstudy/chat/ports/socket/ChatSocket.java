package com.englishstudy.chat.ports.socket;

import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.message.SaveOutcome;
import com.englishstudy.chat.domain.message.SendMessageCommand;
import com.englishstudy.chat.domain.token.RoomToken;
import com.englishstudy.chat.ports.http.ChatApi;
import com.englishstudy.chat.ports.http.ErrorStatus;
import com.englishstudy.chat.ports.json.ChatJson;
import com.englishstudy.chat.ports.json.JsonInput;
import java.lang.System.Logger;
import java.util.List;

/**
 * The WebSocket API of SPEC 5, transport-neutral: connect, frames and disconnect in; frames out.
 * What a frame sends to the whole room goes through the core's {@code Broadcaster}; what this returns
 * goes back to the sender's connection alone.
 */
public final class ChatSocket {
    private static final Logger LOG = System.getLogger(ChatSocket.class.getName());

    private final ChatCore core;

    public ChatSocket(ChatCore core) {
        this.core = core;
    }

    /** The outcome of opening a socket. */
    public sealed interface ConnectOutcome {
        record Accepted(Connection connection) implements ConnectOutcome {}

        /** Refuse the upgrade with this status (401) and error, for a person; {@link #json} is the body. */
        record Refused(int status, String error) implements ConnectOutcome {
            public String json() {
                return ChatJson.failure(error);
            }
        }
    }

    /** Spends the room token and binds {@code connectionId} to its room and user (API Gateway's $connect). */
    public ConnectOutcome connect(String connectionId, String roomToken) {
        return switch (admit(roomToken)) {
            case Admission.Refused refused -> new ConnectOutcome.Refused(refused.status(), refused.error());
            case Admission.Admitted admitted -> open(connectionId, admitted);
        };
    }

    /** Whether a socket may open, decided before it does (servers that upgrade in place). */
    public sealed interface Admission {
        record Admitted(RoomToken token) implements Admission {}

        record Refused(int status, String error) implements Admission {
            public String json() {
                return ChatJson.failure(error);
            }
        }
    }

    /** Spends the room token; a refusal carries the status (401) and body to answer the upgrade request with. */
    public Admission admit(String roomToken) {
        try {
            return new Admission.Admitted(core.connections().admit(roomToken));
        } catch (ChatException e) {
            return new Admission.Refused(ErrorStatus.of(e), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure on connect", e);
            return new Admission.Refused(500, "Internal server error");
        }
    }

    /** Binds the now open socket to the admitted token's room and user. */
    public ConnectOutcome open(String connectionId, Admission.Admitted admitted) {
        try {
            return new ConnectOutcome.Accepted(core.connections().open(connectionId, admitted.token()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure on connect", e);
            return new ConnectOutcome.Refused(500, "Internal server error");
        }
    }

    /** The answer to a binary frame: frames are JSON text. Nothing else happens; the socket stays open. */
    public static final String BINARY_FRAME_REFUSED = ChatJson.errorEvent(400, "Frames must be JSON text, not binary");

    /** The answer to a text message over {@link ChatApi#MAX_BODY_BYTES}, which is not read; the socket stays open. */
    public static final String MESSAGE_TOO_LARGE = ChatJson.errorEvent(413, "A message may be at most 64 KiB");

    /**
     * Handles one text frame from the connection. Returns the frames to send back to that connection alone:
     * a pong, an error event, or the original message when a send was a repeat. Never throws.
     */
    public List<String> onFrame(String connectionId, String text) {
        try {
            JsonInput frame = JsonInput.parse(text, "Frame");
            String action = frame.string("action");
            if (action == null) throw new ChatException.InvalidInput("action is required");
            return switch (action) {
                case "sendMessage" -> sendMessage(connectionId, frame);
                case "ping" -> {
                    core.connections().ping(connectionId);
                    yield List.of(ChatJson.PONG);
                }
                default -> throw new ChatException.InvalidInput("Unknown action '" + action + "'");
            };
        } catch (ChatException e) {
            return List.of(ChatJson.errorEvent(ErrorStatus.of(e), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure on a frame", e);
            return List.of(ChatJson.errorEvent(500, "Internal server error"));
        }
    }

    private List<String> sendMessage(String connectionId, JsonInput frame) {
        SendMessageCommand command;
        try {
            command = new SendMessageCommand(connectionId, frame.string("roomId"), frame.string("userId"),
                    frame.string("content"), frame.string("messageType"), frame.string("clientMessageId"));
        } catch (ChatException.InvalidInput wrongType) {
            // A malformed sendMessage frame still spends a token: the limit counts frames, not successes.
            core.sendMessage().spendToken(connectionId);
            throw wrongType;
        }
        return switch (core.sendMessage().sendMessage(command)) {
            case SaveOutcome.Stored stored -> List.of();
            case SaveOutcome.Duplicate duplicate ->
                    List.of(ChatJson.event(new RoomEvent.MessagePosted(duplicate.original())));
        };
    }

    /** The socket closed, by either side. Membership stays. */
    public void onDisconnect(String connectionId) {
        try {
            core.connections().disconnect(connectionId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not forget connection " + connectionId, e);
        }
    }
}
