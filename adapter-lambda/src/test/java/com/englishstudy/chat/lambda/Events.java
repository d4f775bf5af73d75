package com.englishstudy.chat.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Samples of real API Gateway events (src/test/resources/events), changed where a test needs, and read into
 * event objects by the Lambda Java runtime's own serializer, as a deployed handler receives them.
 */
final class Events {
    static final ObjectMapper JSON = new ObjectMapper();

    private Events() {}

    static ObjectNode sample(String name) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static APIGatewayV2HTTPEvent http(String method, String rawPath, String rawQuery, String body,
                                      Consumer<ObjectNode> change) {
        ObjectNode event = sample("http-post");
        event.put("routeKey", "$default");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (body == null) event.remove("body");
        else event.put("body", body);
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("routeKey", "$default");
        ((ObjectNode) context.get("http")).put("method", method).put("path", rawPath);
        change.accept(event);
        return read(event, APIGatewayV2HTTPEvent.class);
    }

    static APIGatewayV2HTTPEvent http(String method, String rawPath, String rawQuery, String body) {
        return http(method, rawPath, rawQuery, body, e -> {});
    }

    static APIGatewayV2HTTPEvent withClaims(String sub, String body) {
        ObjectNode event = sample("http-post-jwt");
        event.put("body", body);
        ObjectNode claims = (ObjectNode) event.at("/requestContext/authorizer/jwt/claims");
        if (sub == null) claims.remove("sub");
        else claims.put("sub", sub);
        return read(event, APIGatewayV2HTTPEvent.class);
    }

    static APIGatewayV2WebSocketEvent connect(String connectionId, String roomToken) {
        ObjectNode event = sample("ws-connect");
        ((ObjectNode) event.get("requestContext")).put("connectionId", connectionId);
        if (roomToken == null) {
            event.remove("queryStringParameters");
            event.remove("multiValueQueryStringParameters");
        } else {
            ((ObjectNode) event.get("queryStringParameters")).put("roomToken", roomToken);
            ((ObjectNode) event.get("multiValueQueryStringParameters")).putArray("roomToken").add(roomToken);
        }
        return read(event, APIGatewayV2WebSocketEvent.class);
    }

    static APIGatewayV2WebSocketEvent message(String connectionId, String routeKey, String body) {
        ObjectNode event = sample("ws-message");
        ((ObjectNode) event.get("requestContext")).put("connectionId", connectionId).put("routeKey", routeKey);
        if (body == null) event.remove("body");
        else event.put("body", body);
        return read(event, APIGatewayV2WebSocketEvent.class);
    }

    static APIGatewayV2WebSocketEvent disconnect(String connectionId) {
        ObjectNode event = sample("ws-disconnect");
        ((ObjectNode) event.get("requestContext")).put("connectionId", connectionId);
        return read(event, APIGatewayV2WebSocketEvent.class);
    }

    static <T> T read(ObjectNode event, Class<T> type) {
        try {
            return JacksonFactory.getInstance().getSerializer(type).fromJson(JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
