package com.englishstudy.chat.lambda.gateway;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The Management API of the WebSocket API, {@code /@connections/{connectionId}}, answering as API Gateway does:
 * 200 for a delivered post, 204 for a delete, 410 with {@code x-amzn-ErrorType: GoneException} for a connection
 * that is unknown or closed, 413 {@code PayloadTooLargeException} over 128 KB. The SDK picks the exception by
 * that header.
 */
final class ManagementEndpoint {
    private final SocketHub hub;

    ManagementEndpoint(SocketHub hub) {
        this.hub = hub;
    }

    void post(Context ctx) {
        byte[] data = ctx.bodyAsBytes();
        if (data.length > LocalGateway.MAX_MESSAGE) {
            error(ctx, 413, "PayloadTooLargeException", "Message too long");
            return;
        }
        String connectionId = ctx.pathParam("connectionId");
        if (hub.post(connectionId, new String(data, StandardCharsets.UTF_8)) == SocketHub.Outcome.GONE) {
            gone(ctx);
            return;
        }
        ctx.header("x-amzn-RequestId", UUID.randomUUID().toString()).status(200).result("");
    }

    void get(Context ctx) {
        var peer = hub.find(ctx.pathParam("connectionId"));
        if (peer.isEmpty()) {
            gone(ctx);
            return;
        }
        var p = peer.get();
        var json = EventBuilder.JSON.createObjectNode();
        json.put("connectedAt", p.connectedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        json.putObject("identity").put("sourceIp", p.sourceIp).put("userAgent", p.userAgent == null ? "" : p.userAgent);
        json.put("lastActiveAt", p.lastActiveAt.truncatedTo(ChronoUnit.MILLIS).toString());
        ctx.header("x-amzn-RequestId", UUID.randomUUID().toString()).status(200).contentType("application/json").result(json.toString());
    }

    void delete(Context ctx) {
        if (hub.delete(ctx.pathParam("connectionId")) == SocketHub.Outcome.GONE) {
            gone(ctx);
            return;
        }
        ctx.header("x-amzn-RequestId", UUID.randomUUID().toString()).status(204);
    }

    private static void gone(Context ctx) {
        error(ctx, 410, "GoneException", null);
    }

    private static void error(Context ctx, int status, String type, String message) {
        ctx.status(status)
                .header("x-amzn-ErrorType", type)
                .header("x-amzn-RequestId", UUID.randomUUID().toString())
                .contentType("application/json")
                .result(message == null ? "{\"message\":null}" : "{\"message\":\"" + message + "\"}");
    }
}
