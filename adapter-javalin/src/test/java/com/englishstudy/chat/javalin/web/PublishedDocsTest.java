package com.englishstudy.chat.javalin.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The other documents the server publishes: the AsyncAPI description of the WebSocket, and the docs page. */
class PublishedDocsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static LocalServer server;

    @BeforeAll
    static void start() {
        server = LocalServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void asyncapi_3_describes_every_frame_of_the_socket() throws IOException {
        HttpResponse<String> response = server.get("/asyncapi.yaml");
        assertEquals(200, response.statusCode(), "GET /asyncapi.yaml");
        String text = response.body();
        assertTrue(text.lines().anyMatch(line -> line.matches("asyncapi:\\s*['\"]?3\\.\\d+\\.\\d+['\"]?\\s*")),
                "the document starts as AsyncAPI 3: " + text.lines().limit(3).toList());

        JsonNode doc = YAML.readTree(text); // also proves it is well-formed YAML
        assertTrue(doc.path("asyncapi").asText().startsWith("3."), "asyncapi: 3.x, was " + doc.path("asyncapi"));

        // What the frames' payloads say: client frames carry a constant "action", server frames a constant "event".
        Set<String> actions = new TreeSet<>();
        Set<String> events = new TreeSet<>();
        doc.path("components").path("schemas").forEach(schema -> {
            JsonNode properties = schema.path("properties");
            if (properties.path("action").has("const")) actions.add(properties.path("action").path("const").asText());
            if (properties.path("event").has("const")) events.add(properties.path("event").path("const").asText());
        });
        // What each message is called (the name a reader sees, such as room_deleted).
        Set<String> messageNames = new TreeSet<>();
        doc.path("components").path("messages").forEach(message -> messageNames.add(message.path("name").asText()));

        // Every local $ref points at something that is there.
        List<String> dangling = new ArrayList<>();
        collectDanglingRefs(doc, doc, dangling);

        assertAll(
                () -> assertTrue(actions.containsAll(Set.of("sendMessage", "ping")),
                        "client actions sendMessage and ping are described, found " + actions),
                () -> assertTrue(events.containsAll(Set.of("message", "presence", "room_deleted", "error", "pong")),
                        "server events message, presence, room_deleted, error, pong are described, found " + events),
                () -> assertTrue(messageNames.containsAll(Set.of("sendMessage", "ping", "message", "presence",
                        "room_deleted", "error", "pong")), "every frame is a named message, found " + messageNames),
                () -> assertTrue(doc.path("operations").path("sendMessage").path("action").asText().equals("receive")
                                && doc.path("operations").path("ping").path("action").asText().equals("receive"),
                        "the server receives sendMessage and ping"),
                () -> assertTrue(dangling.isEmpty(), "references that point nowhere: " + dangling),
                () -> assertTrue(text.contains("roomToken"), "the connect step names the roomToken query parameter"));
    }

    @Test
    void the_docs_page_is_html() {
        HttpResponse<String> response = server.get("/docs");
        assertEquals(200, response.statusCode(), "GET /docs");
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/html"), "GET /docs is HTML, was " + type);
        String body = response.body().toLowerCase(Locale.ROOT);
        assertAll(
                () -> assertTrue(body.startsWith("<!doctype html>"), "an HTML document"),
                () -> assertTrue(body.contains("openapi.json"), "the page points at /openapi.json"),
                () -> assertTrue(body.contains("asyncapi.yaml"), "the page points at /asyncapi.yaml"));
    }

    private static void collectDanglingRefs(JsonNode root, JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")
                    && root.at(ref.asText().substring(1)).isMissingNode()) {
                dangling.add(ref.asText());
            }
            node.forEach(child -> collectDanglingRefs(root, child, dangling));
        } else if (node.isArray()) {
            node.forEach(child -> collectDanglingRefs(root, child, dangling));
        }
    }
}
