package com.englishstudy.chat.lambda.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The WebSocket API's three moments: connect, a frame, and close, each as API Gateway runs them. */
final class SocketExchange {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SocketExchange() {}

    /**
     * Runs {@code $connect} before the upgrade is answered. On 2xx the connection exists and its id is returned;
     * otherwise the upgrade is answered with the function's status (and body) and null is returned.
     */
    static String connect(Context ctx, EventBuilder events, Map<String, LambdaFunction<?, ?>> functions, SocketHub hub) {
        String connectionId = newConnectionId();
        LambdaFunction<?, ?> function = functions.get(GatewayRoutes.WEBSOCKET.get("$connect"));
        Optional<JsonNode> response = function.invoke(events.connect(ctx, connectionId, Instant.now()));
        int status = response.map(r -> r.path("statusCode").asInt(0)).orElse(500);
        if (status == 0) status = 200;
        if (status >= 200 && status < 300) {
            hub.accept(connectionId, ctx.ip(), ctx.userAgent());
            return connectionId;
        }
        String body = response.map(r -> r.path("body").asText("")).orElse("{\"message\":\"Internal server error\"}");
        ctx.status(status).contentType("application/json").result(body);
        return null;
    }

    /** One frame; the function's response body, on a two-way route, goes back to the sender. */
    static void message(String connectionId, String body, boolean base64, EventBuilder events,
                        Map<String, LambdaFunction<?, ?>> functions, SocketHub hub) {
        String routeKey = base64 ? "$default" : EventBuilder.routeKey(body);
        LambdaFunction<?, ?> function = functions.get(GatewayRoutes.WEBSOCKET.get(routeKey));
        Instant connectedAt = hub.find(connectionId).map(p -> p.connectedAt).orElse(Instant.now());
        Optional<JsonNode> response = function.invoke(events.message(connectionId, connectedAt, routeKey, body, base64));
        if (response.isEmpty()) {
            // What API Gateway sends a client whose message route failed.
            hub.post(connectionId, "{\"message\": \"Internal server error\", \"connectionId\":\"" + connectionId
                    + "\", \"requestId\":\"local\"}");
            return;
        }
        if (!GatewayRoutes.WEBSOCKET_TWO_WAY.contains(routeKey)) return;
        JsonNode reply = response.get().get("body");
        if (reply == null || reply.isNull() || reply.asText().isEmpty()) return;
        String frame = response.get().path("isBase64Encoded").asBoolean(false)
                ? new String(Base64.getDecoder().decode(reply.asText()), StandardCharsets.UTF_8)
                : reply.asText();
        hub.post(connectionId, frame);
    }

    static void disconnect(String connectionId, int status, String reason, EventBuilder events,
                           Map<String, LambdaFunction<?, ?>> functions) {
        LambdaFunction<?, ?> function = functions.get(GatewayRoutes.WEBSOCKET.get("$disconnect"));
        function.invoke(events.disconnect(connectionId, Instant.now(), status, reason));
    }

    /** Shaped like API Gateway's: 16 characters ending in '=', here from the URL-safe alphabet. */
    static String newConnectionId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
