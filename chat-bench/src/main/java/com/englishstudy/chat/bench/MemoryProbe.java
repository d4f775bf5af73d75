package com.englishstudy.chat.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the machine, not the server: writes one byte in every 4 KiB page of a 256 MiB array, pass after pass,
 * and reports the median pass and the passes that took over four times the median, grouped into episodes. One VM
 * slowed such writes about tenfold for ~250 ms every ~1.5 s while idle; another showed no such episodes, but
 * its median pass moved from 0.92 to 1.28 ms over a few hours as its host got busier. Run this before reading
 * a result, or comparing two taken at different times; the open and closed loops run it for 3 s before they
 * start the server ({@code bench.hostProbe}) and print its median beside their result.
 *
 * <pre>java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp chat-bench/target/chat-bench.jar com.englishstudy.chat.bench.MemoryProbe [seconds]</pre>
 */
public final class MemoryProbe {
    private static final int PAGE = 4096;
    private static final Pattern MEDIAN = Pattern.compile("median ([0-9.]+) ms");

    private MemoryProbe() {}

    /**
     * Runs the probe in a JVM of its own, as the class comment shows (its heap touched up front, so that the
     * passes time the host rather than page faults), and returns its median pass in ms; NaN if it could not run.
     */
    static double medianInFreshJvm(double seconds) {
        try {
            Path classes = Path.of(MemoryProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Process probe = new ProcessBuilder(ServerProcess.jdkBin().resolve("java").toString(), "-Xms1g", "-Xmx1g",
                    "-XX:+AlwaysPreTouch", "-cp", classes.toString(), MemoryProbe.class.getName(), Double.toString(seconds))
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return Double.NaN;
            }
            Matcher median = MEDIAN.matcher(out);
            return median.find() ? Double.parseDouble(median.group(1)) : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        byte[] memory = new byte[256 << 20];
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long[] took = new long[1 << 20];
        long[] at = new long[took.length];
        int n = 0;
        while (System.nanoTime() < end && n < took.length) {
            long t0 = System.nanoTime();
            for (int i = 0; i < memory.length; i += PAGE) memory[i]++;
            took[n] = System.nanoTime() - t0;
            at[n++] = t0 - start;
        }
        long[] sorted = Arrays.copyOf(took, n);
        Arrays.sort(sorted);
        long median = sorted[n / 2];
        // Slow passes less than 300 ms apart belong to one episode.
        List<long[]> episodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (took[i] <= 4 * median) continue;
            long[] last = episodes.isEmpty() ? null : episodes.getLast();
            if (last != null && at[i] - last[1] < 300_000_000L) last[1] = at[i] + took[i];
            else episodes.add(new long[] {at[i], at[i] + took[i]});
        }
        System.out.printf(Locale.ROOT, "%d passes over 256 MiB (one write per 4 KiB page): median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                n, median / 1e6, sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < episodes.size(); i++) {
            long[] e = episodes.get(i);
            line.append(String.format(Locale.ROOT, " +%.2f s (%.0f ms)", e[0] / 1e9, (e[1] - e[0]) / 1e6));
            if (i > 0) line.append(String.format(Locale.ROOT, " after %.2f s;", (e[0] - episodes.get(i - 1)[0]) / 1e9));
        }
        System.out.println(episodes.size() + " episodes of passes slower than 4x the median:" + line);
    }
}
