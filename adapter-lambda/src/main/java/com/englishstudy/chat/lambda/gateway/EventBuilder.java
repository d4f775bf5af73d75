package com.englishstudy.chat.lambda.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the JSON events API Gateway sends to Lambda: HTTP API payload format 2.0, and the WebSocket API's
 * CONNECT, MESSAGE and DISCONNECT events, with the fields and quirks of the real ones (lower-case header names,
 * repeated query names joined by commas, cookies taken out of the headers, a base64 body unless it is text).
 */
final class EventBuilder {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final String API_ID = "local";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String domainName;

    EventBuilder(int port) {
        this.domainName = "127.0.0.1:" + port;
    }

    // ---- HTTP API ----------------------------------------------------------------------------------------------

    String http(Context ctx, String routeKey, Map<String, String> pathParameters, byte[] body) {
        Instant now = Instant.now();
        String rawPath = ctx.req().getRequestURI();
        String rawQuery = ctx.queryString() == null ? "" : ctx.queryString();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        Map<String, String> headers = headers(ctx);
        String cookieHeader = headers.remove("cookie");
        if (cookieHeader != null) {
            ArrayNode cookies = event.putArray("cookies");
            for (String cookie : cookieHeader.split(";\\s*")) if (!cookie.isBlank()) cookies.add(cookie);
        }
        event.set("headers", JSON.valueToTree(headers));
        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) event.set("queryStringParameters", JSON.valueToTree(query));
        if (!pathParameters.isEmpty()) event.set("pathParameters", JSON.valueToTree(pathParameters));
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT);
        context.put("apiId", API_ID);
        context.put("domainName", domainName);
        context.put("domainPrefix", API_ID);
        ObjectNode http = context.putObject("http");
        http.put("method", ctx.method().name());
        http.put("path", rawPath);
        http.put("protocol", ctx.req().getProtocol());
        http.put("sourceIp", ctx.ip());
        http.put("userAgent", ctx.userAgent() == null ? "" : ctx.userAgent());
        context.put("requestId", requestId());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (body.length > 0) {
            String text = textual(headers.get("content-type")) ? utf8(body) : null;
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return write(event);
    }

    /** Header names in lower case; a repeated header's values joined by commas, as payload 2.0 does. */
    private static Map<String, String> headers(Context ctx) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            List<String> values = Collections.list(ctx.req().getHeaders(name));
            headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values), (a, b) -> a + "," + b);
        }
        return headers;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) return query;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    /** API Gateway passes text bodies as they are and base64-encodes everything else. */
    private static boolean textual(String contentType) {
        if (contentType == null) return false;
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
    }

    /** The body as text when it is valid UTF-8; null otherwise (it then travels as base64). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---- WebSocket API -----------------------------------------------------------------------------------------

    String connect(Context ctx, String connectionId, Instant connectedAt) {
        ObjectNode event = JSON.createObjectNode();
        Map<String, String> headers = headers(ctx);
        event.set("headers", JSON.valueToTree(headers));
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        headers.forEach((name, value) -> multiHeaders.putArray(name).add(value));
        Map<String, List<String>> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> query.put(name, new ArrayList<>(values)));
        if (!query.isEmpty()) {
            ObjectNode single = event.putObject("queryStringParameters");
            query.forEach((name, values) -> single.put(name, values.isEmpty() ? "" : values.getLast()));
            event.set("multiValueQueryStringParameters", JSON.valueToTree(query));
        }
        ObjectNode context = socketContext(event, "$connect", "CONNECT", connectionId, connectedAt);
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", ctx.ip());
        identity.put("userAgent", ctx.userAgent() == null ? "" : ctx.userAgent());
        event.put("isBase64Encoded", false);
        return write(event);
    }

    String message(String connectionId, Instant connectedAt, String routeKey, String body, boolean base64) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode context = socketContext(event, routeKey, "MESSAGE", connectionId, connectedAt);
        context.put("messageId", requestId());
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return write(event);
    }

    String disconnect(String connectionId, Instant connectedAt, int status, String reason) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode context = socketContext(event, "$disconnect", "DISCONNECT", connectionId, connectedAt);
        context.put("disconnectStatusCode", status);
        context.put("disconnectReason", reason == null ? "" : reason);
        event.put("isBase64Encoded", false);
        return write(event);
    }

    private ObjectNode socketContext(ObjectNode event, String routeKey, String eventType, String connectionId,
                                     Instant connectedAt) {
        Instant now = Instant.now();
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("extendedRequestId", requestId());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", "local");
        context.put("connectedAt", connectedAt.toEpochMilli());
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("requestId", requestId());
        context.put("domainName", domainName);
        context.put("connectionId", connectionId);
        context.put("apiId", API_ID);
        return context;
    }

    /**
     * The route of a frame by {@code $request.body.action}: the action when it names a route, else
     * {@code $default} (also for a body that is not a JSON object).
     */
    static String routeKey(String body) {
        try {
            JsonNode frame = JSON.readTree(body);
            JsonNode action = frame == null ? null : frame.get("action");
            if (action != null && action.isTextual() && !action.asText().startsWith("$")
                    && GatewayRoutes.WEBSOCKET.containsKey(action.asText())) {
                return action.asText();
            }
        } catch (Exception notJson) {
            // Falls through: API Gateway sends what it cannot route to $default.
        }
        return "$default";
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    private static String write(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
