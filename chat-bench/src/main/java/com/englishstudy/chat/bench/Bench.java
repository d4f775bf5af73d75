package com.englishstudy.chat.bench;

import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The bench command: starts chat-server.jar as its own JVM, makes rooms and members over REST, opens their
 * WebSockets and drives them as clients would, then prints deliveries/s, send-to-receipt latency and lost
 * deliveries (or, for {@code idle-N}, the server's heap per idle connection).
 *
 * <pre>java -jar chat-bench.jar [scenario...]   scenarios: open-100x6 open-10x50 closed-100x6 idle-10000 all
 * generic forms: open-RxM[@rate]  closed-RxM[@wWINDOW]  idle-N</pre>
 *
 * Settings are system properties (-Dbench.NAME=value): see {@link #usage()}.
 */
public final class Bench {
    private static final Pattern OPEN = Pattern.compile("open-(\\d+)x(\\d+)(?:@([0-9.]+))?");
    private static final Pattern CLOSED = Pattern.compile("closed-(\\d+)x(\\d+)(?:@w(\\d+))?");
    private static final Pattern IDLE = Pattern.compile("idle-(\\d+)");
    private static final List<String> ALL = List.of("open-100x6", "open-10x50", "closed-100x6", "idle-10000");
    /** The targets for the named scenarios: p99 in ms (0 = none). */
    private static final Map<String, Double> P99_TARGET_MS = Map.of("open-100x6", 25.0, "open-10x50", 10.0);
    private static final double IDLE_TARGET_BYTES = 12 * 1024;
    /** Messages per second per member of the named open-loop scenarios; other sizes default to 15. */
    private static final Map<String, Double> DEFAULT_RATE = Map.of("open-100x6", 15.0, "open-10x50", 2.0);

    private static final AtomicReference<ServerProcess> RUNNING = new AtomicReference<>();

    private Bench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // Netty samples one buffer in 128 for leak tracking, with a stack trace each: 4 % of the generator's CPU
        // at open-100x6, spent on a check that its own tests, not a benchmark run, are for.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.println(usage());
            return;
        }
        List<String> scenarios = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("all")) scenarios.addAll(ALL);
            else scenarios.add(arg);
        }
        for (String s : scenarios) {
            if (!OPEN.matcher(s).matches() && !CLOSED.matcher(s).matches() && !IDLE.matcher(s).matches()) {
                System.err.println("Unknown scenario '" + s + "'\n\n" + usage());
                System.exit(2);
            }
        }
        // The server goes down with the bench, whatever happens (Ctrl-C included).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ServerProcess server = RUNNING.getAndSet(null);
            if (server != null) server.close();
        }, "bench-stop-server"));

        Settings settings = Settings.fromSystemProperties();
        List<String> results = new ArrayList<>();
        int failures = 0;
        for (String scenario : scenarios) {
            try {
                results.add(run(scenario, settings));
            } catch (Exception e) {
                failures++;
                System.out.println("FAILED " + scenario + ": " + e);
                e.printStackTrace(System.out);
                results.add("RESULT " + scenario + " failed=\"" + e.getMessage() + "\"");
            }
        }
        System.out.println();
        results.forEach(System.out::println);
        System.exit(failures == 0 ? 0 : 1);
    }

    static String usage() {
        return """
                usage: java [-Dbench.NAME=value...] -jar chat-bench.jar SCENARIO... | all
                scenarios:
                  open-100x6      100 rooms x 6 members, 15 msg/s each (open loop)    target p99 <= 25 ms, none lost
                  open-10x50      10 rooms x 50 members, 2 msg/s each (open loop)     target p99 <= 10 ms, none lost
                  closed-100x6    100 x 6, each member sends on receipt of its own    highest deliveries/s
                  idle-10000      10,000 idle WebSockets (200 rooms x 50)             target heap <= 12 KiB each
                  open-RxM[@rate]  closed-RxM[@wWINDOW]  idle-N                        any size (rate default 15)
                settings (system properties):
                  bench.serverJar=adapter-javalin/target/chat-server.jar  the server to start
                  bench.warmup=20  bench.duration=20  bench.drain=5         seconds
                  bench.rampUp=10                                           open loop: seconds of the warm-up the rate climbs to full
                  bench.rate=<msg/s per member>  bench.window=1             override the scenario's
                  bench.idleMembers=50                                      members per room for idle-N
                  bench.selectors=1                                         WebSocket event-loop threads (bench-ws-N)
                  bench.httpParallel=8  bench.connectInFlight=64            REST / handshake concurrency
                  bench.clientMessageId=true                                send clientMessageId, as the web client does
                  bench.deflate=false                                       offer permessage-deflate, as browsers do
                  bench.stalled=0                                           rooms that get one extra socket that never reads
                  bench.serverJvmArgs="-Xmx2g ..."                         extra JVM options for the server
                  bench.serverCommand="node chat-bench/bare-peer/server.js" another server to start instead (open and closed loops only)
                  bench.serverEnv="K=V,K2=V2"                               extra environment for the server
                  bench.jfr=/tmp/x.jfr                                      record JFR on the server over the measured phase
                  bench.threadDump=/tmp/x.txt                               jcmd Thread.print half way through
                  bench.slots=false                                         print the worst latency and send lag of every 100 ms
                  bench.hostProbe=3                                         seconds of MemoryProbe before each loop (0: none)
                  bench.classHistogram=true  bench.histogramTop=15          idle: top classes by added bytes
                """;
    }

    record Settings(Path serverJar, double warmup, double rampUp, double duration, double drain, Double rate, int window,
                    int idleMembers, int selectors, int httpParallel, int connectInFlight, boolean clientMessageId,
                    List<String> serverJvmArgs, List<String> serverCommand, Map<String, String> serverEnv, String jfr, String threadDump,
                    boolean classHistogram, boolean deflate, int stalled, double hostProbe) {
        static Settings fromSystemProperties() {
            String rate = System.getProperty("bench.rate");
            String jvm = System.getProperty("bench.serverJvmArgs", "").trim();
            String command = System.getProperty("bench.serverCommand", "").trim();
            Map<String, String> env = new LinkedHashMap<>();
            for (String kv : System.getProperty("bench.serverEnv", "").split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) env.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            return new Settings(defaultServerJar(),
                    Double.parseDouble(System.getProperty("bench.warmup", "20")),
                    Double.parseDouble(System.getProperty("bench.rampUp", "10")),
                    Double.parseDouble(System.getProperty("bench.duration", "20")),
                    Double.parseDouble(System.getProperty("bench.drain", "5")),
                    rate == null ? null : Double.valueOf(rate),
                    Integer.getInteger("bench.window", 1),
                    Integer.getInteger("bench.idleMembers", 50),
                    Integer.getInteger("bench.selectors", 1),
                    Integer.getInteger("bench.httpParallel", 8),
                    Integer.getInteger("bench.connectInFlight", 64),
                    Boolean.parseBoolean(System.getProperty("bench.clientMessageId", "true")),
                    jvm.isEmpty() ? List.of() : Arrays.asList(jvm.split("\\s+")),
                    command.isEmpty() ? List.of() : Arrays.asList(command.split("\\s+")),
                    env,
                    System.getProperty("bench.jfr"),
                    System.getProperty("bench.threadDump"),
                    Boolean.parseBoolean(System.getProperty("bench.classHistogram", "true")),
                    Boolean.parseBoolean(System.getProperty("bench.deflate", "false")),
                    Integer.getInteger("bench.stalled", 0),
                    Double.parseDouble(System.getProperty("bench.hostProbe", "3")));
        }

        private static Path defaultServerJar() {
            String set = System.getProperty("bench.serverJar");
            if (set != null) return Path.of(set);
            Path here = Path.of("adapter-javalin/target/chat-server.jar");
            if (Files.isRegularFile(here)) return here;
            try {
                // Beside this jar: chat-bench/target/chat-bench.jar -> adapter-javalin/target/chat-server.jar
                Path self = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path root = self.getParent().getParent().getParent();
                Path sibling = root.resolve("adapter-javalin/target/chat-server.jar");
                if (Files.isRegularFile(sibling)) return sibling;
            } catch (Exception e) {
                // fall through
            }
            return here;
        }
    }

    private static String run(String scenario, Settings s) throws Exception {
        Matcher m;
        if ((m = OPEN.matcher(scenario)).matches()) {
            double rate = s.rate() != null ? s.rate()
                    : m.group(3) != null ? Double.parseDouble(m.group(3))
                    : DEFAULT_RATE.getOrDefault(scenario, 15.0);
            return traffic(scenario, s, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), rate, 0);
        }
        if ((m = CLOSED.matcher(scenario)).matches()) {
            int window = m.group(3) != null ? Integer.parseInt(m.group(3)) : s.window();
            return traffic(scenario, s, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 0, window);
        }
        m = IDLE.matcher(scenario);
        if (!m.matches()) throw new IllegalArgumentException(scenario);
        return idle(scenario, s, Integer.parseInt(m.group(1)));
    }

    /** The server's environment: the rate limit raised out of the way, tokens and connections long-lived. */
    private static Map<String, String> serverEnv(Settings s, int membersPerRoom) {
        Map<String, String> env = new HashMap<>();
        env.put("RATE_LIMIT_PER_SECOND", "1000000");
        env.put("RATE_LIMIT_BURST", "1000000");
        env.put("ROOM_TOKEN_TTL_SECONDS", "3600");
        env.put("CONNECTION_TTL_SECONDS", "3600");
        if (membersPerRoom > 50) env.put("MAX_ROOM_MEMBERS", Integer.toString(membersPerRoom));
        env.putAll(s.serverEnv());
        return env;
    }

    private static ServerProcess startServer(Settings s, int membersPerRoom) throws Exception {
        List<String> command = s.serverCommand().isEmpty()
                ? ServerProcess.javaCommand(s.serverJar(), s.serverJvmArgs()) : s.serverCommand();
        ServerProcess server = ServerProcess.start(command, serverEnv(s, membersPerRoom), Duration.ofSeconds(60));
        RUNNING.set(server);
        System.out.printf(Locale.ROOT, "server: pid %d, %s, log %s, %s%n", server.pid(), server.baseUrl(),
                server.log(), s.serverCommand().isEmpty() ? "jar " + s.serverJar() : "command " + String.join(" ", command));
        return server;
    }

    private static void stopServer(ServerProcess server) {
        RUNNING.compareAndSet(server, null);
        server.close();
    }

    private static String traffic(String scenario, Settings s, int rooms, int members, double rate, int window)
            throws Exception {
        boolean open = window == 0;
        System.out.printf(Locale.ROOT, "%n== %s: %d rooms x %d members, %s ==%n", scenario, rooms, members,
                open ? fmt(rate) + " msg/s each (open loop)" : "closed loop, window " + window);
        // This host's speed changes by the hour: the same memory writes, and the same run, by a third or more.
        double hostProbe = s.hostProbe() > 0 ? MemoryProbe.medianInFreshJvm(s.hostProbe()) : Double.NaN;
        if (!Double.isNaN(hostProbe)) {
            System.out.printf(Locale.ROOT, "host: MemoryProbe median pass %.2f ms (higher is a slower host; "
                    + "0.92 ms on the fastest hour seen on the 2-core VM)%n", hostProbe);
        }
        ServerProcess server = startServer(s, members);
        Load load = null;
        Stalled stalled = new Stalled();
        try {
            long t0 = System.nanoTime();
            List<Rooms.Member> all = new Rooms(server.baseUrl(), s.httpParallel()).createAndJoin(rooms, members);
            long t1 = System.nanoTime();
            load = new Load(all, members, s.selectors(), s.clientMessageId());
            load.connectAll(server.wsUrl(), s.connectInFlight(), Duration.ofSeconds(120), s.deflate());
            // A second connection of member 0 in the first bench.stalled rooms, which never reads.
            Rooms rest = new Rooms(server.baseUrl(), 1);
            for (int r = 0; r < Math.min(s.stalled(), rooms); r++) {
                Rooms.Member m = all.get(r * members);
                stalled.open(server.wsUrl(), rest.rejoin(m.roomId(), m.userId()));
            }
            load.stalledRooms = stalled.size();
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "setup: %d rooms + %d joins over REST in %.1f s; %d WebSockets open in %.1f s%s%n",
                    rooms, all.size(), secs(t1 - t0), all.size(), secs(t2 - t1),
                    s.deflate() ? " (permessage-deflate accepted on " + load.deflated.sum() + ")" : "");

            long start = Load.now() + TimeUnit.MILLISECONDS.toNanos(200);
            long from = start + nanos(s.warmup());
            long to = from + nanos(s.duration());
            load.measureWindow(from, to);

            Load running = load;
            AtomicReference<Histogram> lag = new AtomicReference<>();
            Thread driver = null;
            if (open) {
                driver = Thread.ofPlatform().name("bench-pacer").start(() -> lag.set(running.runOpenLoop(rate, start, nanos(Math.min(s.rampUp(), s.warmup())), to)));
            } else {
                sleepUntil(start);
                load.startClosedLoop(window, to);
            }

            sleepUntil(from);
            double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            // For lining up -Xlog output (GC, safepoints) of either JVM with the slots printed below.
            System.out.printf(Locale.ROOT, "measured phase starts: bench uptime %.3f s, server uptime %.3f s%n",
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, server.uptimeSeconds());
            long serverCpu0 = server.cpuNanos();
            long benchCpu0 = benchCpuNanos();
            Map<String, Long> serverThreads0 = ServerProcess.threadTicks(server.pid());
            Map<String, Long> benchThreads0 = ServerProcess.threadTicks(ProcessHandle.current().pid());
            if (s.jfr() != null) {
                // jcmd takes a second or two: off the sampling thread.
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        System.out.println("jfr: " + server.jcmd("JFR.start", "name=bench", "settings=profile",
                                "duration=" + (long) Math.ceil(s.duration()) + "s", "filename=" + s.jfr()).trim());
                    } catch (Exception e) {
                        System.out.println("jfr: " + e);
                    }
                });
            }
            List<Long> perSecond = new ArrayList<>();
            String threads = "?";
            long last = load.received.sum();
            long nextTick = from + TimeUnit.SECONDS.toNanos(1);
            while (nextTick <= to) {
                sleepUntil(nextTick);
                long now = load.received.sum();
                perSecond.add(now - last);
                last = now;
                if (perSecond.size() == Math.max(1, (int) (s.duration() / 2))) {
                    threads = server.procStatus("Threads");
                    if (s.threadDump() != null) {
                        Thread.ofPlatform().daemon().start(() -> {
                            try {
                                Files.writeString(Path.of(s.threadDump()), server.jcmd("Thread.print"), StandardCharsets.UTF_8);
                            } catch (Exception e) {
                                System.out.println("thread dump: " + e);
                            }
                        });
                    }
                }
                nextTick += TimeUnit.SECONDS.toNanos(1);
            }
            sleepUntil(to);
            long serverCpu1 = server.cpuNanos();
            long benchCpu1 = benchCpuNanos();
            Map<String, Long> serverThreads1 = ServerProcess.threadTicks(server.pid());
            Map<String, Long> benchThreads1 = ServerProcess.threadTicks(ProcessHandle.current().pid());
            double loadEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (driver != null) driver.join();

            // Drain: wait for every delivery of every send, up to bench.drain seconds.
            long drainUntil = System.nanoTime() + nanos(s.drain());
            while (load.received.sum() < load.expectedDeliveriesAll() && System.nanoTime() < drainUntil) Thread.sleep(50);
            String rss = server.procStatus("VmRSS");
            if (stalled.size() > 0) {
                long cut = Files.readAllLines(server.log()).stream().filter(l -> l.contains("does not keep up")).count();
                System.out.printf(Locale.ROOT, "stalled receivers: %d sockets that never read (each room's member 0, "
                        + "a second tab); the server log shows %d cut off as too slow%n", stalled.size(), cut);
                Histogram hs = load.latencyStalledRooms.getIntervalHistogram();
                System.out.printf(Locale.ROOT, "latency in those rooms: p50 %s  p99 %s  max %s  (n=%d)%n",
                        ms(hs.getValueAtPercentile(50)), ms(hs.getValueAtPercentile(99)), ms(hs.getMaxValue()),
                        hs.getTotalCount());
            }

            double measured = s.duration();
            long sends = load.sentMeasured.sum();
            long expected = load.expectedDeliveriesMeasured();
            long got = load.receivedMeasured.sum();
            long lost = expected - got;
            long lostAll = load.expectedDeliveriesAll() - load.received.sum();
            Histogram h = load.latency.getIntervalHistogram();
            double cores = measured * 1e9;

            System.out.printf(Locale.ROOT, "measured %.0f s after %.0f s warm-up; load average %.2f at start, %.2f at end%n",
                    measured, s.warmup(), loadStart, loadEnd);
            System.out.printf(Locale.ROOT, "sends: %d (%.0f/s)   deliveries: %d (%.0f/s), expected %d, lost %d (%.4f%%)%n",
                    sends, sends / measured, got, got / measured, expected, lost, expected == 0 ? 0 : 100.0 * lost / expected);
            System.out.printf(Locale.ROOT, "latency send->receipt: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (mean %s, n=%d)%n",
                    ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), ms((long) h.getMean()), h.getTotalCount());
            System.out.println("deliveries per second: " + perSecond);
            System.out.println("worst latency by 100 ms of sends: " + worstSlots(load.worstBySlot, nanos(1) / 40));
            if (Boolean.getBoolean("bench.slots")) {
                System.out.println("slots: " + load.worstBySlot);
                System.out.println("lags: " + load.lagBySlot);
            }
            if (open && lag.get() != null) {
                Histogram l = lag.get();
                System.out.printf(Locale.ROOT, "generator: send lag behind schedule p99 %s max %s%n",
                        ms(l.getValueAtPercentile(99)), ms(l.getMaxValue()));
            }
            System.out.printf(Locale.ROOT,
                    "cpu over the measured phase: server %.2f cores, bench %.2f cores (of %d); server threads %s, RSS %s%n",
                    (serverCpu1 - serverCpu0) / cores, (benchCpu1 - benchCpu0) / cores,
                    Runtime.getRuntime().availableProcessors(), threads, rss);
            System.out.println("server cores by thread: " + ServerProcess.topThreads(serverThreads0, serverThreads1, measured, 8));
            System.out.println("bench cores by thread: " + ServerProcess.topThreads(benchThreads0, benchThreads1, measured, 6));
            System.out.printf(Locale.ROOT,
                    "checks: lost over the whole run %d; error events %d; other events %d; out of order %d; wrong room %d; "
                            + "send failures %d; closed by server %d%s%n",
                    lostAll, load.errorEvents.sum(), load.otherEvents.sum(), load.outOfOrder.sum(), load.wrongRoom.sum(),
                    load.sendFailures.sum(), load.closedByServer.sum(),
                    load.firstError.get() == null ? "" : "; first: " + load.firstError.get());
            Double target = P99_TARGET_MS.get(scenario);
            String verdict = "";
            if (target != null) {
                boolean met = h.getValueAtPercentile(99) <= target * 1e6 && lost == 0;
                verdict = " target=" + (met ? "MET" : "MISSED");
                System.out.printf(Locale.ROOT, "target p99 <= %s ms and nothing lost: %s%n", fmt(target), met ? "MET" : "MISSED");
            }
            return String.format(Locale.ROOT,
                    "RESULT %s deliveries_per_s=%.0f sends_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f lost=%d server_cores=%.2f bench_cores=%.2f load=%.2f%s%s",
                    scenario, got / measured, sends / measured, h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, lost, (serverCpu1 - serverCpu0) / cores, (benchCpu1 - benchCpu0) / cores, loadEnd,
                    Double.isNaN(hostProbe) ? "" : String.format(Locale.ROOT, " host_probe_ms=%.2f", hostProbe), verdict);
        } finally {
            stalled.close();
            if (load != null) load.close();
            stopServer(server);
        }
    }

    private static String idle(String scenario, Settings s, int connections) throws Exception {
        int members = Math.min(connections, s.idleMembers());
        if (connections % members != 0) throw new IllegalArgumentException("idle-N needs N divisible by " + members);
        int rooms = connections / members;
        System.out.printf(Locale.ROOT, "%n== %s: %d idle WebSockets, %d rooms x %d members ==%n", scenario, connections,
                rooms, members);
        ServerProcess server = startServer(s, members);
        Load load = null;
        try {
            Thread.sleep(1000);
            long heapEmpty = server.heapUsedAfterGc();
            String histEmpty = s.classHistogram() ? server.jcmd("GC.class_histogram") : "";
            long t0 = System.nanoTime();
            List<Rooms.Member> all = new Rooms(server.baseUrl(), s.httpParallel()).createAndJoin(rooms, members);
            long t1 = System.nanoTime();
            long heapJoined = server.heapUsedAfterGc();
            String histJoined = s.classHistogram() ? server.jcmd("GC.class_histogram") : "";
            load = new Load(all, members, s.selectors(), false);
            load.connectAll(server.wsUrl(), s.connectInFlight(), Duration.ofSeconds(300), s.deflate());
            long t2 = System.nanoTime();
            Thread.sleep(1000);
            String threads = server.procStatus("Threads");
            long heapOpen = server.heapUsedAfterGc();
            String histOpen = s.classHistogram() ? server.jcmd("GC.class_histogram") : "";
            String rss = server.procStatus("VmRSS");
            double loadAvg = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

            System.out.printf(Locale.ROOT, "setup: %d rooms + %d joins over REST in %.1f s; %d WebSockets open in %.1f s%s%n",
                    rooms, all.size(), secs(t1 - t0), all.size(), secs(t2 - t1),
                    s.deflate() ? " (permessage-deflate accepted on " + load.deflated.sum() + ")" : "");
            System.out.printf(Locale.ROOT, "server heap after GC: %s empty, %s with rooms and members, %s with %d sockets open%n",
                    kib(heapEmpty), kib(heapJoined), kib(heapOpen), connections);
            double perConnection = (heapOpen - heapEmpty) / (double) connections;
            double perSocket = (heapOpen - heapJoined) / (double) connections;
            System.out.printf(Locale.ROOT, "per connection: %.0f bytes (%.2f KiB) counting rooms, memberships and tokens; "
                    + "%.0f bytes (%.2f KiB) for the open socket alone%n", perConnection, perConnection / 1024,
                    perSocket, perSocket / 1024);
            System.out.printf(Locale.ROOT, "server threads %s, RSS %s; load average %.2f; closed by server %d%s%n", threads,
                    rss, loadAvg, load.closedByServer.sum(),
                    load.firstError.get() == null ? "" : "; first: " + load.firstError.get());
            if (s.classHistogram()) {
                System.out.println("largest additions by class, sockets open vs rooms and members only (bytes per connection):");
                System.out.print(histogramDiff(histJoined, histOpen, connections, Integer.getInteger("bench.histogramTop", 15)));
                System.out.println("largest additions by class, rooms and members vs empty (bytes per member):");
                System.out.print(histogramDiff(histEmpty, histJoined, connections, 8));
            }
            boolean met = perConnection <= IDLE_TARGET_BYTES;
            System.out.printf(Locale.ROOT, "target heap per connection <= 12 KiB: %s%n", met ? "MET" : "MISSED");
            return String.format(Locale.ROOT,
                    "RESULT %s heap_per_connection_bytes=%.0f socket_only_bytes=%.0f heap_empty_kib=%d heap_open_kib=%d server_threads=%s load=%.2f target=%s",
                    scenario, perConnection, perSocket, heapEmpty / 1024, heapOpen / 1024, threads, loadAvg,
                    met ? "MET" : "MISSED");
        } finally {
            if (load != null) load.close();
            stopServer(server);
        }
    }

    /** Top classes by bytes added between two {@code GC.class_histogram} outputs. */
    static String histogramDiff(String before, String after, int per, int top) {
        Map<String, long[]> a = parseHistogram(before);
        Map<String, long[]> b = parseHistogram(after);
        List<Map.Entry<String, long[]>> diff = new ArrayList<>();
        for (var e : b.entrySet()) {
            long[] old = a.getOrDefault(e.getKey(), new long[2]);
            diff.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - old[0], e.getValue()[1] - old[1]}));
        }
        diff.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        StringBuilder out = new StringBuilder();
        for (var e : diff.subList(0, Math.min(top, diff.size()))) {
            out.append(String.format(Locale.ROOT, "  %8.1f B  %6.2f objects  %s%n", e.getValue()[1] / (double) per,
                    e.getValue()[0] / (double) per, e.getKey()));
        }
        return out.toString();
    }

    private static final Pattern HISTO_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private static Map<String, long[]> parseHistogram(String text) {
        Map<String, long[]> map = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = HISTO_LINE.matcher(line);
            if (m.find()) map.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                    (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
        }
        return map;
    }

    private static long benchCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void sleepUntil(long loadNanos) throws InterruptedException {
        long wait;
        while ((wait = loadNanos - Load.now()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * How many 100 ms slots had a send slower than {@code threshold}, and the five worst (seconds into the
     * measured window, worst latency there).
     */
    static String worstSlots(java.util.concurrent.atomic.AtomicLongArray worst, long threshold) {
        List<Integer> slots = new ArrayList<>();
        int over = 0;
        for (int i = 0; i < worst.length(); i++) {
            slots.add(i);
            if (worst.get(i) > threshold) over++;
        }
        slots.sort((a, b) -> Long.compare(worst.get(b), worst.get(a)));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d of %d slots over %s; worst:",
                over, worst.length(), ms(threshold)));
        for (int i = 0; i < Math.min(5, slots.size()); i++) {
            int slot = slots.get(i);
            out.append(String.format(Locale.ROOT, " +%.1f s %s", slot * Load.SLOT_NANOS / 1e9, ms(worst.get(slot))));
        }
        return out.toString();
    }

}
