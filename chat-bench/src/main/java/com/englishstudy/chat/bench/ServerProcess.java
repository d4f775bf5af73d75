package com.englishstudy.chat.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat server as a separate JVM: {@code java -jar chat-server.jar} with the same JDK as the bench, on
 * 127.0.0.1 and a free port. Started, waited for on /health, inspected with jcmd, and stopped.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total[^\\n]*?used\\s+(\\d+)K");

    private final Process process;
    private final int port;
    private final Path log;
    private final Path jdkBin;

    private ServerProcess(Process process, int port, Path log, Path jdkBin) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.jdkBin = jdkBin;
    }

    /** The JDK that runs this bench: the server runs on it too, and its jcmd inspects the server. */
    static Path jdkBin() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return Path.of(java).getParent();
    }

    /** How the chat server is started: {@code java [jvmArgs] -jar jar}, on the bench's own JDK. */
    static List<String> javaCommand(Path jar, List<String> jvmArgs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with "
                    + "./mvnw -q -B -pl adapter-javalin -am package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(jdkBin().resolve("java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return command;
    }

    static ServerProcess start(List<String> command, Map<String, String> env, Duration healthWait)
            throws IOException, InterruptedException {
        Path bin = jdkBin();
        int port = freePort();
        Path log = Files.createTempFile("chat-bench-server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        ServerProcess server = new ServerProcess(process, port, log, bin);
        try {
            server.awaitHealthy(healthWait);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy(Duration wait) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No healthy /health within " + wait.toSeconds() + " s:\n" + logTail());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Seconds since the server process started (what its -Xlog lines count from, give or take the JVM's start). */
    double uptimeSeconds() {
        return process.toHandle().info().startInstant()
                .map(started -> Duration.between(started, java.time.Instant.now()).toNanos() / 1e9).orElse(-1.0);
    }

    /** CPU time the server process has used so far, in nanoseconds (user + system). */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * CPU ticks (user + system, 1/100 s on Linux) used so far by each thread of a process, grouped by thread
     * name with digits folded to N ("GC Thread#N", "ForkJoinPool-N-worker-N"); empty where /proc is absent.
     */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "N");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return ticks;
    }

    /** "name 0.42, name 0.10, ...": cores used per thread group between two {@link #threadTicks} readings. */
    static String topThreads(Map<String, Long> before, Map<String, Long> after, double seconds, int top) {
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        after.forEach((name, t) -> used.add(Map.entry(name, t - before.getOrDefault(name, 0L))));
        used.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder out = new StringBuilder();
        for (var e : used.subList(0, Math.min(top, used.size()))) {
            if (e.getValue() <= 0) break;
            if (out.length() > 0) out.append(", ");
            out.append(String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 100.0 / seconds));
        }
        return out.toString();
    }

    /** A line of /proc/PID/status such as Threads or VmRSS, or "?" where there is none. */
    String procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) return line.substring(field.length() + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return "?";
    }

    /** Runs {@code jcmd PID args...} from the bench's JDK and returns what it printed. */
    String jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(jdkBin.resolve("jcmd").toString());
        command.add(Long.toString(pid()));
        command.addAll(List.of(args));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = jcmd.getInputStream().readAllBytes();
        if (!jcmd.waitFor(120, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IllegalStateException("jcmd " + String.join(" ", args) + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Heap in use after a full GC, in bytes: {@code jcmd GC.run} (twice, to settle), then {@code GC.heap_info}. */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Thread.sleep(300);
        jcmd("GC.run");
        Thread.sleep(300);
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) throw new IllegalStateException("Cannot read GC.heap_info:\n" + info);
        return Long.parseLong(m.group(1)) * 1024;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the server: SIGTERM, then SIGKILL after 15 s. Safe to call more than once. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
