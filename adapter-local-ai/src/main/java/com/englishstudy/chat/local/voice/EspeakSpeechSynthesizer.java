package com.englishstudy.chat.local.voice;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.voice.Speech;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import com.englishstudy.chat.domain.voice.Voice;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Read-aloud with espeak-ng, the speech synthesizer Debian packages ({@code apt-get install espeak-ng}). Robotic
 * next to Polly, but it runs anywhere, offline, in a fraction of a second. Gives WAV ({@code audio/wav}).
 *
 * <p>The text goes in on standard input, never on the command line, so no message can pass itself off as an
 * option. Each reading is a separate process with a time limit, and at most a few run at once.
 */
public final class EspeakSpeechSynthesizer implements SpeechSynthesizer {
    public static final String DEFAULT_COMMAND = "espeak-ng";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Longer than any message SPEC allows (2000); bounds the time and memory one reading can take. */
    public static final int MAX_CHARACTERS = 3000;
    static final String PROVIDER = "Read-aloud";
    private static final String WAV = "audio/wav";
    /** A little slower than espeak's 175 words a minute, for learners. */
    private static final String WORDS_PER_MINUTE = "150";
    private static final System.Logger LOG = System.getLogger(EspeakSpeechSynthesizer.class.getName());

    private final String command;
    private final Duration timeout;
    private final Semaphore running;

    /** espeak-ng from the PATH, 15 s per reading, two readings at once. */
    public EspeakSpeechSynthesizer() {
        this(DEFAULT_COMMAND, DEFAULT_TIMEOUT, 2);
    }

    /**
     * @param command       the espeak-ng executable, a name on the PATH or a path
     * @param timeout       how long one reading, waiting for a free slot included, may take
     * @param maxConcurrent readings that may run at once; more wait for a slot within the timeout
     */
    public EspeakSpeechSynthesizer(String command, Duration timeout, int maxConcurrent) {
        this.command = Objects.requireNonNull(command, "command");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        this.timeout = timeout;
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1");
        this.running = new Semaphore(maxConcurrent, true);
    }

    /** True when {@code espeak-ng --version} runs and succeeds within five seconds. */
    public static boolean isInstalled() {
        return isInstalled(DEFAULT_COMMAND);
    }

    public static boolean isInstalled(String command) {
        try {
            Process process = new ProcessBuilder(command, "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Speech synthesize(String text, Voice voice) {
        String speakable = fitToLimit(text == null ? "" : text.strip());
        if (speakable.isEmpty()) throw new ChatException.ProviderFailed("There is no text to read aloud", false, null);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!running.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ChatException.ProviderFailed(PROVIDER + " is busy right now; please try again in a moment", true, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException.ProviderFailed(PROVIDER + " was interrupted; please try again", true, e);
        }
        try {
            return new Speech(run(speakable, voice, deadline), WAV);
        } finally {
            running.release();
        }
    }

    private byte[] run(String text, Voice voice, long deadline) {
        List<String> argv = List.of(command, "--stdout", "--stdin", "-s", WORDS_PER_MINUTE,
                "-v", voice == Voice.MALE ? "en-us+m3" : "en-us+f3");
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "Cannot start " + command + ": " + e);
            throw new ChatException.ProviderFailed(PROVIDER + " is not available on this server", true, e);
        }
        // Read the audio while the text is still being written: espeak-ng may fill the pipe before it has all.
        FutureTask<byte[]> audio = new FutureTask<>(() -> {
            try (InputStream out = process.getInputStream()) {
                return out.readAllBytes();
            }
        });
        Thread.ofVirtual().name("espeak-ng-stdout").start(audio);
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            byte[] wav = audio.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException();
            }
            if (process.exitValue() != 0) {
                LOG.log(System.Logger.Level.WARNING, () -> command + " exited with " + process.exitValue());
                throw new ChatException.ProviderFailed(PROVIDER + " could not read this message", false, null);
            }
            return withExactSizes(wav);
        } catch (TimeoutException e) {
            throw new ChatException.ProviderFailed(PROVIDER + " did not finish in time; please try again", true, e);
        } catch (IOException | ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, () -> command + " failed: " + e);
            throw new ChatException.ProviderFailed(PROVIDER + " could not read this message", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException.ProviderFailed(PROVIDER + " was interrupted; please try again", true, e);
        } finally {
            if (process.isAlive()) process.destroyForcibly();
            audio.cancel(true);
        }
    }

    /**
     * espeak-ng writing to a pipe cannot seek back, so its WAV header gives placeholder sizes (0x7FFFF000-ish).
     * Browsers cope, but some players and tools do not; the sizes are set from the bytes actually received.
     */
    static byte[] withExactSizes(byte[] wav) {
        if (wav.length < 44 || !ascii(wav, 0, "RIFF") || !ascii(wav, 8, "WAVE")) {
            throw new ChatException.ProviderFailed(PROVIDER + " produced no usable audio", false, null);
        }
        ByteBuffer le = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 12;
        while (offset + 8 <= wav.length) {
            int size = le.getInt(offset + 4);
            if (ascii(wav, offset, "data")) {
                le.putInt(4, wav.length - 8);
                le.putInt(offset + 4, wav.length - offset - 8);
                return wav;
            }
            if (size < 0 || size > wav.length) break;
            offset += 8 + size + (size & 1);
        }
        throw new ChatException.ProviderFailed(PROVIDER + " produced no usable audio", false, null);
    }

    private static boolean ascii(byte[] bytes, int offset, String tag) {
        if (offset + 4 > bytes.length) return false;
        for (int i = 0; i < 4; i++) if (bytes[offset + i] != tag.charAt(i)) return false;
        return true;
    }

    /** Cut at the last space before the limit, and never inside a surrogate pair. */
    static String fitToLimit(String text) {
        if (text.length() <= MAX_CHARACTERS) return text;
        int cut = MAX_CHARACTERS;
        if (Character.isLowSurrogate(text.charAt(cut))) cut--;
        int space = text.lastIndexOf(' ', cut);
        if (space > MAX_CHARACTERS / 2) cut = space;
        return text.substring(0, cut).strip();
    }
}
