package com.englishstudy.chat.local.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.voice.Speech;
import com.englishstudy.chat.domain.voice.Voice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EspeakSpeechSynthesizerTest {
    @TempDir
    Path dir;

    @Test
    void readsTextAloudAsAWavWithExactSizes() {
        assumeTrue(EspeakSpeechSynthesizer.isInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");

        Speech speech = new EspeakSpeechSynthesizer().synthesize("Hello! I am the offline tutor.", Voice.FEMALE);

        byte[] wav = speech.audio();
        assertThat(speech.contentType()).isEqualTo("audio/wav");
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        assertThat(new String(wav, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("fmt ");
        ByteBuffer le = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(le.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(new String(wav, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        assertThat(le.getInt(40)).isEqualTo(wav.length - 44);
        int sampleRate = le.getInt(24);
        int bytesPerSecond = le.getInt(28);
        double seconds = (wav.length - 44) / (double) bytesPerSecond;
        assertThat(sampleRate).isPositive();
        assertThat(seconds).isBetween(0.8, 10.0);
    }

    @Test
    void theMaleAndFemaleVoicesDiffer() {
        assumeTrue(EspeakSpeechSynthesizer.isInstalled(), "espeak-ng is not installed");
        EspeakSpeechSynthesizer espeak = new EspeakSpeechSynthesizer();

        byte[] female = espeak.synthesize("Good morning, everyone.", Voice.FEMALE).audio();
        byte[] male = espeak.synthesize("Good morning, everyone.", Voice.MALE).audio();

        assertThat(Arrays.equals(female, male)).isFalse();
    }

    @Test
    void textThatLooksLikeAnOptionIsSpokenNotObeyed() {
        assumeTrue(EspeakSpeechSynthesizer.isInstalled(), "espeak-ng is not installed");

        Speech speech = new EspeakSpeechSynthesizer().synthesize("--version -w /tmp/owned.wav", Voice.MALE);

        assertThat(new String(speech.audio(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(speech.audio().length).isGreaterThan(10_000);
    }

    @Test
    void aMissingProgramIsAServiceUnavailable() {
        assertThat(EspeakSpeechSynthesizer.isInstalled("no-such-espeak-binary")).isFalse();

        assertThatThrownBy(() -> new EspeakSpeechSynthesizer("no-such-espeak-binary", Duration.ofSeconds(2), 1)
                .synthesize("Hello", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Read-aloud is not available on this server");
                });
    }

    @Test
    void aReadingThatTakesTooLongIsStoppedAndIsAServiceUnavailable() throws IOException {
        Path hanging = script("hanging-espeak", "cat > /dev/null\nexec sleep 30\n");

        long started = System.nanoTime();
        assertThatThrownBy(() -> new EspeakSpeechSynthesizer(hanging.toString(), Duration.ofMillis(500), 1)
                .synthesize("Hello", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Read-aloud did not finish in time; please try again");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aFailingProgramOrOneThatGivesNoWavIsABadGateway() throws IOException {
        Path failing = script("failing-espeak", "cat > /dev/null\necho broken >&2\nexit 3\n");
        Path notWav = script("chatty-espeak", "cat > /dev/null\necho 'this is not audio at all, not even a little bit'\n");

        assertThatThrownBy(() -> new EspeakSpeechSynthesizer(failing.toString(), Duration.ofSeconds(5), 1)
                .synthesize("Hello", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());
        assertThatThrownBy(() -> new EspeakSpeechSynthesizer(notWav.toString(), Duration.ofSeconds(5), 1)
                .synthesize("Hello", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());
    }

    @Test
    void blankTextIsRefused() {
        assertThatThrownBy(() -> new EspeakSpeechSynthesizer().synthesize(" \n ", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());
    }

    @Test
    void longTextIsCutAtAWordWithinTheLimit() {
        String cut = EspeakSpeechSynthesizer.fitToLimit("word ".repeat(1000));
        assertThat(cut.length()).isLessThanOrEqualTo(EspeakSpeechSynthesizer.MAX_CHARACTERS);
        assertThat(cut).endsWith("word");
    }

    private Path script(String name, String body) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
