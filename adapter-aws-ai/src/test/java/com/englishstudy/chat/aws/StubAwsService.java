package com.englishstudy.chat.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that answers as an AWS service does on the wire, for the real SDK client to talk to
 * through an endpoint override. It records every request so tests can read what the SDK sent.
 */
public final class StubAwsService implements AutoCloseable {
    /** One request as it arrived. */
    public record Received(String method, String rawPath, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer; may sleep to play a slow service. */
    @FunctionalInterface
    public interface Answer {
        Reply to(Received request) throws Exception;
    }

    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public static Reply json(int status, String json, Map<String, String> extraHeaders) {
            var headers = new java.util.LinkedHashMap<String, String>();
            headers.put("Content-Type", "application/json");
            headers.put("x-amzn-RequestId", "0f8a2c1e-1234-4cde-9abc-0123456789ab");
            headers.putAll(extraHeaders);
            return new Reply(status, headers, json.getBytes(StandardCharsets.UTF_8));
        }

        /** The shape of an error from a REST-JSON AWS service: the type in a header, a message in the body. */
        public static Reply error(int status, String errorType, String message) {
            return json(status, "{\"message\":\"" + message + "\"}", Map.of("x-amzn-ErrorType", errorType));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stub-aws");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer answer;

    public StubAwsService(Answer answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void answer(Answer answer) {
        this.answer = answer;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received last() {
        return received.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
            received.add(request);
            Reply reply;
            try {
                reply = answer.to(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                reply = Reply.error(500, "InternalServerException", "stub failed: " + e);
            }
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException e) {
            // The client gave up (a timeout test); nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
