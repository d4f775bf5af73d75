package com.englishstudy.chat.lambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * Bedrock, Polly and S3 on loopback ports, answering in their wire formats, for the real SDK clients the
 * handlers build: Bedrock's Converse API and Polly's SynthesizeSpeech from one small HTTP server, S3 from
 * s3proxy on an in-memory blob store. {@link #environment()} points a composition root at them.
 */
public final class AwsStandIns implements AutoCloseable {
    /** A few hundred bytes that start like an MP3 frame; nothing here plays them. */
    public static final byte[] MP3 = mp3();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlobStore blobs = new TransientNio2BlobStore();
    private final S3Proxy s3proxy;

    public AwsStandIns() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
        s3proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        s3proxy.start();
        for (int i = 0; i < 100 && !"STARTED".equals(s3proxy.getState()); i++) Thread.sleep(50);
    }

    /** The variables that send the tutor, speech and audio store here, with a bucket of their own. */
    public Map<String, String> environment() {
        String bucket = "chat-audio-" + UUID.randomUUID().toString().substring(0, 8);
        blobs.createContainer(bucket);
        Map<String, String> env = new HashMap<>();
        String local = "http://127.0.0.1:" + server.getAddress().getPort();
        env.put("BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0");
        env.put("BEDROCK_ENDPOINT", local);
        env.put("POLLY_ENDPOINT", local);
        env.put("S3_ENDPOINT", "http://127.0.0.1:" + s3proxy.getPort());
        env.put("CHAT_BUCKET_NAME", bucket);
        return env;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/model/") && path.endsWith("/converse")) {
                reply(exchange, 200, "application/json", ("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":"
                        + "[{\"text\":\"Good try! We say: I agree with you. What do you think about it?\"}]}},"
                        + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":57,\"outputTokens\":16,\"totalTokens\":73},"
                        + "\"metrics\":{\"latencyMs\":412}}").getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/v1/speech")) {
                reply(exchange, 200, "audio/mpeg", MP3);
            } else {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "UnknownOperationException");
                reply(exchange, 404, "application/json", "{\"message\":\"no such operation\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] mp3() {
        byte[] audio = new byte[417];
        Arrays.fill(audio, (byte) 0x55);
        audio[0] = (byte) 0xFF;
        audio[1] = (byte) 0xFB;
        audio[2] = (byte) 0x90;
        audio[3] = 0x64;
        return audio;
    }

    @Override
    public void close() throws Exception {
        s3proxy.stop();
        server.stop(0);
        executor.shutdownNow();
    }
}
