package com.englishstudy.chat.lambda.gateway;

import java.util.List;
import java.util.Map;

/**
 * Which function serves which route: what template.yaml declares, in the form the gateway routes by. A test keeps
 * the two equal, so the gateway routes exactly as the deployed APIs do.
 */
public final class GatewayRoutes {
    private GatewayRoutes() {}

    /** An HTTP API route key ({@code GET /rooms/{roomId}}, or {@code $default}) and the function behind it. */
    public record HttpRoute(String routeKey, String function) {
        public boolean isDefault() {
            return routeKey.equals("$default");
        }

        public String method() {
            return isDefault() ? null : routeKey.substring(0, routeKey.indexOf(' '));
        }

        public String path() {
            return isDefault() ? null : routeKey.substring(routeKey.indexOf(' ') + 1);
        }
    }

    public static final List<HttpRoute> HTTP = List.of(
            new HttpRoute("GET /health", "ChatRoomHandler"),
            new HttpRoute("POST /rooms", "ChatRoomHandler"),
            new HttpRoute("GET /rooms", "ChatRoomHandler"),
            new HttpRoute("GET /rooms/{roomId}", "ChatRoomHandler"),
            new HttpRoute("DELETE /rooms/{roomId}", "ChatRoomHandler"),
            new HttpRoute("POST /rooms/{roomId}/join", "ChatRoomHandler"),
            new HttpRoute("POST /rooms/{roomId}/leave", "ChatRoomHandler"),
            new HttpRoute("GET /rooms/{roomId}/messages", "ChatMessageHandler"),
            new HttpRoute("GET /users/{userId}/messages", "ChatMessageHandler"),
            new HttpRoute("POST /rooms/{roomId}/ai", "ChatAIHandler"),
            new HttpRoute("POST /messages/{messageId}/voice", "ChatVoiceHandler"),
            // Unknown routes and methods get the chat's own 404 envelope rather than API Gateway's.
            new HttpRoute("$default", "ChatRoomHandler"));

    /** WebSocket API route keys, selected by {@code $request.body.action}, and the function behind each. */
    public static final Map<String, String> WEBSOCKET = Map.of(
            "$connect", "WebSocketConnectHandler",
            "$disconnect", "WebSocketDisconnectHandler",
            "sendMessage", "WebSocketMessageHandler",
            "ping", "WebSocketMessageHandler",
            "$default", "WebSocketMessageHandler");

    /** Routes whose function's response body is sent back to the client (a two-way route response). */
    public static final List<String> WEBSOCKET_TWO_WAY = List.of("sendMessage", "ping", "$default");
}
