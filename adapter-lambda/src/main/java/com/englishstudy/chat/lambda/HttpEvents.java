package com.englishstudy.chat.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.englishstudy.chat.ports.http.ApiRequest;
import com.englishstudy.chat.ports.http.ApiResponse;
import com.englishstudy.chat.ports.http.ChatApi;
import com.englishstudy.chat.ports.http.QueryStrings;
import com.englishstudy.chat.ports.json.ChatJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP API event (payload format 2.0) in, {@link ChatApi}'s answer out. Nothing else: no routing, no rules.
 * Never throws; an event that cannot be read is a 400 in the usual failure envelope.
 */
final class HttpEvents {
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", ApiResponse.CONTENT_TYPE);

    private HttpEvents() {}

    static APIGatewayV2HTTPResponse handle(ChatApi api, APIGatewayV2HTTPEvent event) {
        ApiResponse response;
        try {
            response = api.handle(toRequest(event));
        } catch (Unreadable e) {
            response = new ApiResponse(e.status, ChatJson.failure(e.getMessage()));
        } catch (RuntimeException e) {
            System.getLogger(HttpEvents.class.getName()).log(System.Logger.Level.ERROR, "Unexpected failure", e);
            response = new ApiResponse(500, ChatJson.failure("Internal server error"));
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(JSON_HEADERS)
                .withBody(response.json())
                .withIsBase64Encoded(false)
                .build();
    }

    static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            throw new Unreadable(400, "Malformed request: no request context");
        }
        var context = event.getRequestContext();
        String method = context.getHttp().getMethod();
        if (method == null || method.isBlank()) throw new Unreadable(400, "Malformed request: no method");
        String path = event.getRawPath() != null ? event.getRawPath() : context.getHttp().getPath();
        if (path == null || !path.startsWith("/")) throw new Unreadable(400, "Malformed request: no path");
        return new ApiRequest(method, withoutStage(path, context.getStage()), query(event), body(event),
                verifiedSubject(event));
    }

    /** A named stage (not {@code $default}) comes first in the raw path; the chat's routes start after it. */
    private static String withoutStage(String path, String stage) {
        if (stage == null || stage.isBlank() || stage.equals("$default")) return path;
        String prefix = "/" + stage;
        if (path.equals(prefix)) return "/";
        return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    /**
     * The first value of each name, as the local runtime reads it. Taken from the raw query string because API
     * Gateway joins repeated names with commas in {@code queryStringParameters}, which would turn
     * {@code limit=5&limit=7} into the number "5,7".
     */
    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        String raw = event.getRawQueryString();
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            if (event.getQueryStringParameters() != null) {
                event.getQueryStringParameters().forEach((name, value) -> {
                    if (name != null && value != null) query.put(name, value);
                });
            }
            return query;
        }
        try {
            return QueryStrings.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new Unreadable(400, QueryStrings.MALFORMED);
        }
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) return new byte[0];
        if (!event.getIsBase64Encoded()) return body.getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new Unreadable(400, "Malformed request: the body is not valid base64");
        }
    }

    /**
     * The JWT authorizer's {@code sub} (SPEC 3). Claims without a subject are a token that names nobody: such a
     * request is refused rather than let fall back to the unverified {@code userId} of its body.
     */
    private static String verifiedSubject(APIGatewayV2HTTPEvent event) {
        var authorizer = event.getRequestContext().getAuthorizer();
        if (authorizer == null || authorizer.getJwt() == null || authorizer.getJwt().getClaims() == null) return null;
        String sub = authorizer.getJwt().getClaims().get("sub");
        if (sub == null || sub.isBlank()) throw new Unreadable(403, "The verified token names no user");
        return sub;
    }

    /** The event itself cannot be read; answered without asking the core. */
    static final class Unreadable extends RuntimeException {
        final int status;

        Unreadable(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
