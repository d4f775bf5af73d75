package com.englishstudy.chat.lambda.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One HTTP API request: route it, invoke its function, and write the function's response as API Gateway does. */
final class HttpExchange {
    private static final String INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}";

    private HttpExchange() {}

    static void serve(Context ctx, EventBuilder events, Map<String, LambdaFunction<?, ?>> functions) {
        String rawPath = ctx.req().getRequestURI();
        Map<String, String> pathParameters = new LinkedHashMap<>();
        GatewayRoutes.HttpRoute route = match(ctx.method().name(), rawPath, pathParameters);
        if (route == null) {
            ctx.status(404).contentType("application/json").result("{\"message\":\"Not Found\"}");
            return;
        }
        LambdaFunction<?, ?> function = functions.get(route.function());
        byte[] body = ctx.bodyAsBytes();
        Optional<JsonNode> response = function.invoke(events.http(ctx, route.routeKey(), pathParameters, body));
        if (response.isEmpty()) {
            ctx.status(500).contentType("application/json").result(INTERNAL_ERROR);
            return;
        }
        write(ctx, response.get());
    }

    /** The route API Gateway picks: an exact method and path template, else {@code $default}, else none. */
    static GatewayRoutes.HttpRoute match(String method, String rawPath, Map<String, String> pathParameters) {
        String[] segments = rawPath.substring(1).split("/", -1);
        for (GatewayRoutes.HttpRoute route : GatewayRoutes.HTTP) {
            if (route.isDefault() || !route.method().equals(method)) continue;
            String[] template = route.path().substring(1).split("/", -1);
            if (template.length != segments.length) continue;
            Map<String, String> found = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                if (template[i].startsWith("{") && template[i].endsWith("}")) {
                    matches = !segments[i].isEmpty();
                    found.put(template[i].substring(1, template[i].length() - 1), decode(segments[i]));
                } else {
                    matches = template[i].equals(segments[i]);
                }
            }
            if (matches) {
                pathParameters.putAll(found);
                return route;
            }
        }
        return GatewayRoutes.HTTP.stream().filter(GatewayRoutes.HttpRoute::isDefault).findFirst().orElse(null);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /** Payload 2.0 responses: statusCode, headers, cookies, and a body that may be base64. */
    private static void write(Context ctx, JsonNode response) {
        int status = response.path("statusCode").asInt(0);
        if (status < 100 || status > 599) {
            ctx.status(500).contentType("application/json").result(INTERNAL_ERROR);
            return;
        }
        ctx.status(status);
        response.path("headers").properties().forEach(h -> ctx.header(h.getKey(), h.getValue().asText()));
        response.path("multiValueHeaders").properties().forEach(h ->
                h.getValue().forEach(v -> ctx.res().addHeader(h.getKey(), v.asText())));
        response.path("cookies").forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie.asText()));
        JsonNode body = response.get("body");
        if (body == null || body.isNull()) return;
        if (response.path("isBase64Encoded").asBoolean(false)) {
            ctx.result(Base64.getDecoder().decode(body.asText()));
        } else {
            ctx.result(body.asText().getBytes(StandardCharsets.UTF_8));
        }
    }
}
