package com.englishstudy.chat.javalin.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The OpenAPI document the server publishes at {@code /openapi.json}: valid for a real parser, and in step with
 * the routes the server answers, both ways, so the document and the router cannot drift apart silently.
 */
class OpenApiDocumentTest {
    /**
     * Every REST route of the local runtime: ChatApi's router (chat-ports) plus the audio links that ChatServer
     * serves itself. When a route is added or removed there, this list and the document change with it.
     */
    private static final Set<String> SERVER_ROUTES = Set.of(
            "GET /health",
            "POST /rooms",
            "GET /rooms",
            "GET /rooms/{roomId}",
            "DELETE /rooms/{roomId}",
            "POST /rooms/{roomId}/join",
            "POST /rooms/{roomId}/leave",
            "GET /rooms/{roomId}/messages",
            "POST /rooms/{roomId}/ai",
            "GET /users/{userId}/messages",
            "POST /messages/{messageId}/voice",
            "GET /audio/{key}");

    /** The methods the server could be asked for on a path; the ones a path does not document must be unknown. */
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** Values for path and query parameters: well formed, naming nothing that exists. */
    private static final Map<String, String> SAMPLES = Map.of(
            "roomId", "no-such-room",
            "userId", "learner-1",
            "messageId", "no-such-message",
            "key", "no-such-audio-key",
            "expires", "1",
            "sig", "not-a-signature");

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalServer server;
    private static String documentText;
    private static OpenAPI document;

    @BeforeAll
    static void fetchAndParse() {
        server = LocalServer.start();
        HttpResponse<String> response = server.get("/openapi.json");
        assertEquals(200, response.statusCode(), "GET /openapi.json");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "GET /openapi.json is served as JSON, was " + response.headers().firstValue("Content-Type"));
        documentText = response.body();

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(documentText, null, options);
        assertNotNull(result, "the parser answers");
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        assertTrue(messages.isEmpty(), "swagger-parser finds the document clean, but says: " + messages);
        document = result.getOpenAPI();
        assertNotNull(document, "swagger-parser builds a model of the document");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void the_document_is_openapi_3_1_with_paths_and_no_dangling_references() {
        assertTrue(document.getOpenapi().startsWith("3.1."), "openapi version is 3.1.x, was " + document.getOpenapi());
        assertNotNull(document.getInfo(), "info");
        assertNotNull(document.getPaths(), "paths");
        assertFalse(document.getPaths().isEmpty(), "paths are listed");
        // Every local reference names something the document holds (the parser reports none, but be exact).
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/([^\"]+)\"").matcher(documentText);
        JsonNode tree = readJson(documentText);
        List<String> dangling = new ArrayList<>();
        while (refs.find()) {
            if (tree.at("/" + refs.group(1)).isMissingNode()) dangling.add(refs.group(1));
        }
        assertTrue(dangling.isEmpty(), "references that point nowhere: " + dangling);
    }

    @Test
    void the_document_lists_exactly_the_routes_of_the_router() {
        Set<String> documented = documentedRoutes();
        Set<String> missing = new TreeSet<>(SERVER_ROUTES);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(SERVER_ROUTES);
        assertAll(
                () -> assertTrue(missing.isEmpty(), "routes the server answers but the document does not list: " + missing),
                () -> assertTrue(extra.isEmpty(), "routes the document lists but the router does not have: " + extra));
    }

    @Test
    void every_documented_route_is_answered_with_a_documented_status() {
        List<Executable> checks = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method.name() + " " + path;
            checks.add(() -> {
                String target = requestTarget(path, item, operation);
                String body = operation.getRequestBody() == null ? null : "{}";
                HttpResponse<String> response = server.send(method.name(), target, body);
                assertFalse(isUnknownRoute(response),
                        name + " (as " + method.name() + " " + target + ") is documented but the server does not know it: "
                                + response.statusCode() + " " + response.body());
                String status = String.valueOf(response.statusCode());
                Set<String> declared = operation.getResponses() == null ? Set.of() : operation.getResponses().keySet();
                assertTrue(declared.contains(status) || declared.contains(status.charAt(0) + "XX") || declared.contains("default"),
                        name + " answered " + status + " " + response.body() + ", which the document does not declare "
                                + "(it declares " + declared + ")");
            });
        }));
        assertFalse(checks.isEmpty(), "there are documented operations");
        assertAll(checks);
    }

    @Test
    void every_route_of_the_router_is_answered() {
        List<Executable> checks = new ArrayList<>();
        for (String route : SERVER_ROUTES) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            checks.add(() -> {
                HttpResponse<String> response = server.send(method, fillPath(path), method.equals("POST") ? "{}" : null);
                assertFalse(isUnknownRoute(response), route + " is not answered: " + response.statusCode() + " " + response.body());
            });
        }
        assertAll(checks);
    }

    @Test
    void methods_the_document_does_not_list_are_unknown_routes() {
        List<Executable> checks = new ArrayList<>();
        document.getPaths().forEach((path, item) -> {
            Set<String> documented = new TreeSet<>();
            item.readOperationsMap().keySet().forEach(m -> documented.add(m.name()));
            for (String method : METHODS) {
                if (documented.contains(method)) continue;
                checks.add(() -> {
                    String target = fillPath(path);
                    HttpResponse<String> response = server.send(method, target,
                            method.equals("GET") || method.equals("DELETE") ? null : "{}");
                    assertTrue(isUnknownRoute(response), method + " " + path + " is not in the document, yet the server "
                            + "answers it: " + response.statusCode() + " " + response.body());
                });
            }
        });
        assertFalse(checks.isEmpty(), "some undocumented methods were probed");
        // The examples named in the issue, spelled out, and two paths nobody documents.
        for (String probe : List.of("PUT /rooms", "PATCH /rooms/no-such-room", "GET /nothing-here",
                "GET /rooms/no-such-room/unknown-action")) {
            checks.add(() -> {
                String method = probe.substring(0, probe.indexOf(' '));
                HttpResponse<String> response = server.send(method, probe.substring(probe.indexOf(' ') + 1),
                        method.equals("GET") ? null : "{}");
                assertTrue(isUnknownRoute(response), probe + " should be the unknown-route 404, was "
                        + response.statusCode() + " " + response.body());
            });
        }
        assertAll(checks);
    }

    // ------------------------------------------------------------------------------------------

    private static Set<String> documentedRoutes() {
        Set<String> routes = new TreeSet<>();
        document.getPaths().forEach((path, item) ->
                item.readOperationsMap().keySet().forEach(method -> routes.add(method.name() + " " + path)));
        return routes;
    }

    /** The path with its parameters filled in, plus every required query parameter. */
    private static String requestTarget(String path, PathItem item, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) parameters.addAll(item.getParameters());
        if (operation.getParameters() != null) parameters.addAll(operation.getParameters());
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : parameters) {
            if (!"query".equals(parameter.getIn()) || !Boolean.TRUE.equals(parameter.getRequired())) continue;
            query.append(query.isEmpty() ? '?' : '&')
                    .append(encode(parameter.getName())).append('=').append(encode(sample(parameter.getName())));
        }
        return fillPath(path) + query;
    }

    private static String fillPath(String path) {
        Matcher matcher = PATH_PARAMETER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(encode(sample(matcher.group(1)))));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static String sample(String name) {
        return SAMPLES.getOrDefault(name, "sample-" + name.toLowerCase(Locale.ROOT));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The server's answer to a route it does not have: 404 with the envelope's "No such route". */
    static boolean isUnknownRoute(HttpResponse<String> response) {
        if (response.statusCode() != 404) return false;
        JsonNode body = readJson(response.body());
        if (!body.path("success").isBoolean() || body.path("success").asBoolean()) {
            fail("A 404 that is not the failure envelope: " + response.body());
        }
        return "No such route".equals(body.path("error").asText());
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
