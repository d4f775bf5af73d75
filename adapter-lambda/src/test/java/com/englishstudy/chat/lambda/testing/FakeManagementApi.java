package com.englishstudy.chat.lambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for API Gateway's Management API on a loopback port, answering on the wire as the real one does:
 * 200 for a post, 204 for a delete, and 410 with {@code x-amzn-ErrorType: GoneException} for the connections
 * marked gone. It records every call, and can take its time, to show posts run in parallel.
 */
public final class FakeManagementApi implements AutoCloseable {
    public record Call(String method, String connectionId, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private volatile Duration delay = Duration.ZERO;

    public FakeManagementApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void markGone(String connectionId) {
        gone.add(connectionId);
    }

    public void delay(Duration delay) {
        this.delay = delay;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<String> postedTo() {
        return calls.stream().filter(c -> c.method().equals("POST")).map(Call::connectionId).toList();
    }

    public void clear() {
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String prefix = "/@connections/";
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!path.startsWith(prefix)) {
                reply(exchange, 404, null, "{\"message\":\"Not Found\"}");
                return;
            }
            String id = URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
            calls.add(new Call(exchange.getRequestMethod(), id, new String(body, StandardCharsets.UTF_8)));
            if (!delay.isZero()) Thread.sleep(delay.toMillis());
            if (gone.contains(id)) {
                reply(exchange, 410, "GoneException", "{\"message\":null}");
            } else if (exchange.getRequestMethod().equals("DELETE")) {
                reply(exchange, 204, null, null);
            } else {
                reply(exchange, 200, null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String errorType, String json) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
        if (errorType != null) exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
