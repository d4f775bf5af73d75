package com.englishstudy.chat.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.englishstudy.chat.lambda.broadcast.ManagementApiBroadcaster;
import com.englishstudy.chat.ports.json.ChatJson;
import com.englishstudy.chat.ports.socket.ChatSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * WebSocket API events in, {@link ChatSocket}'s answers out. A {@code $connect} answered with a non-2xx status
 * is refused by API Gateway with that status; a message route's response body reaches the sender through the
 * route's two-way route response. Never throws.
 */
final class SocketEvents {
    private static final System.Logger LOG = System.getLogger(SocketEvents.class.getName());

    private SocketEvents() {}

    static APIGatewayV2WebSocketResponse connect(ChatSocket socket, APIGatewayV2WebSocketEvent event) {
        String connectionId = connectionId(event);
        if (connectionId == null) return response(400, ChatJson.failure("Malformed event: no connection id"));
        return switch (socket.connect(connectionId, roomToken(event))) {
            case ChatSocket.ConnectOutcome.Accepted accepted -> response(200, null);
            case ChatSocket.ConnectOutcome.Refused refused -> response(refused.status(), refused.json());
        };
    }

    /**
     * One frame of any action (sendMessage, ping, or what {@code $default} catches): the core decides. What comes
     * back for the sender alone is the response body; the rare answer of several frames is posted instead, in order.
     */
    static APIGatewayV2WebSocketResponse message(ChatSocket socket, ManagementApiBroadcaster broadcaster,
                                                 APIGatewayV2WebSocketEvent event) {
        String connectionId = connectionId(event);
        if (connectionId == null) return response(400, ChatJson.failure("Malformed event: no connection id"));
        List<String> replies = socket.onFrame(connectionId, frame(event));
        if (replies.isEmpty()) return response(200, null);
        if (replies.size() == 1) return response(200, replies.getFirst());
        for (String reply : replies) broadcaster.send(connectionId, reply);
        return response(200, null);
    }

    static APIGatewayV2WebSocketResponse disconnect(ChatSocket socket, APIGatewayV2WebSocketEvent event) {
        String connectionId = connectionId(event);
        if (connectionId == null) return response(400, ChatJson.failure("Malformed event: no connection id"));
        socket.onDisconnect(connectionId);
        return response(200, null);
    }

    private static String connectionId(APIGatewayV2WebSocketEvent event) {
        if (event == null || event.getRequestContext() == null) return null;
        String id = event.getRequestContext().getConnectionId();
        return id == null || id.isBlank() ? null : id;
    }

    private static String roomToken(APIGatewayV2WebSocketEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        if (query != null && query.get("roomToken") != null) return query.get("roomToken");
        Map<String, List<String>> multi = event.getMultiValueQueryStringParameters();
        if (multi != null && multi.get("roomToken") != null && !multi.get("roomToken").isEmpty()) {
            return multi.get("roomToken").getFirst();
        }
        return null;
    }

    /** A frame is text; a binary frame arrives base64-encoded and is read as UTF-8 like any other. */
    private static String frame(APIGatewayV2WebSocketEvent event) {
        String body = event.getBody();
        if (body == null) return "";
        if (!event.isIsBase64Encoded()) return body;
        try {
            return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "A frame flagged base64 was not");
            return body;
        }
    }

    private static APIGatewayV2WebSocketResponse response(int status, String body) {
        var response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        if (body != null) {
            response.setBody(body);
            response.setHeaders(Map.of("Content-Type", "application/json; charset=utf-8"));
        }
        return response;
    }
}
