package com.englishstudy.chat.dynamodb.testing;

import com.englishstudy.chat.dynamodb.table.TableBootstrap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One dynalite server (the npm package, a DynamoDB-compatible engine on LevelDB in memory) for the whole test
 * JVM, started on first use on a free loopback port and stopped when the JVM exits. Tests give each class or
 * test its own table, so they never see each other's items.
 */
public final class Dynalite {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String HOW_TO_FIX =
            "Run `npm ci` at the repository root (it installs dynalite from package-lock.json); Node.js 16+ must be on the PATH.";
    private static Dynalite shared;

    private final Process process;
    private final URI endpoint;
    private final DynamoDbClient client;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = newClient();
    }

    public static synchronized Dynalite shared() {
        if (shared == null) {
            shared = start();
            Dynalite started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "dynalite-stop"));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** A client of its own, for tests that watch what goes over the wire. */
    public DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.AP_NORTHEAST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(List.of(interceptors))
                        .build())
                .build();
    }

    /** Creates a fresh chat table and returns its name. */
    public String newTable(String purpose) {
        String name = "chat-" + purpose.replaceAll("[^a-zA-Z0-9_.-]", "-") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        TableBootstrap.ensureTable(client, name);
        return name;
    }

    public void deleteTable(String name) {
        client.deleteTable(r -> r.tableName(name));
    }

    private static Dynalite start() {
        Path cli = findCli();
        String node = findNode();
        int port = freePort();
        Path log;
        try {
            log = Files.createTempFile("dynalite-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(node, cli.toString(), "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start dynalite with " + node + ". " + HOW_TO_FIX, e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with " + process.exitValue() + ": " + read(log)
                        + "\n" + HOW_TO_FIX);
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("dynalite did not listen on port " + port + " within "
                        + START_TIMEOUT + ": " + read(log));
            }
            sleep(50);
        }
        return new Dynalite(process, URI.create("http://127.0.0.1:" + port));
    }

    private void stop() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** node_modules sits at the repository root; tests run from the module folder, so look upwards. */
    private static Path findCli() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path cli = at.resolve("node_modules").resolve("dynalite").resolve("cli.js");
            if (Files.isRegularFile(cli)) return cli;
        }
        throw new IllegalStateException("dynalite is not installed: no node_modules/dynalite/cli.js in " + dir
                + " or any folder above it. " + HOW_TO_FIX);
    }

    private static String findNode() {
        try {
            Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) return "node";
            probe.destroyForcibly();
        } catch (IOException e) {
            // Falls through to the message below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("Node.js (`node`) is not on the PATH, so dynalite cannot run. " + HOW_TO_FIX);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }
}
