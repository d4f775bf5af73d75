package com.englishstudy.chat.javalin.web;

import com.englishstudy.chat.javalin.ChatServer;
import com.englishstudy.chat.javalin.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The local runtime as a learner's browser meets it: in memory, on a free port of the loopback interface,
 * with the offline tutor and (when espeak-ng is installed) read-aloud. Plus a plain HTTP client for it.
 */
final class LocalServer implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ChatServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private LocalServer(ChatServer server) {
        this.server = server;
    }

    static LocalServer start() {
        return new LocalServer(ChatServer.start(ServerConfig.fromEnvironment(Map.of(
                "PORT", "0",
                "HOST", "127.0.0.1",
                "BCRYPT_COST", "4"))));
    }

    /** {@code http://127.0.0.1:<port>/}. */
    URI baseUri() {
        return server.baseUri();
    }

    /** Sends {@code method path} (path with query, from the root) with an optional JSON body; never throws on a status. */
    HttpResponse<String> send(String method, String pathAndQuery, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(pathAndQuery.substring(1)))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + pathAndQuery, e);
        }
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    @Override
    public void close() {
        server.close();
    }
}
