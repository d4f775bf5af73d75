package com.englishstudy.chat.aws.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.aws.AwsAi;
import com.englishstudy.chat.aws.AwsAiSettings;
import com.englishstudy.chat.aws.StubAwsService;
import com.englishstudy.chat.aws.StubAwsService.Reply;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.voice.Speech;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import com.englishstudy.chat.domain.voice.Voice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Polly client against a local server that answers as SynthesizeSpeech does. */
class PollySpeechSynthesizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The start of an MP3 file: an ID3v2 tag header, then an MPEG frame sync. */
    private static final byte[] MP3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xF3, 0x44, (byte) 0xC4};

    private StubAwsService polly;
    private AwsAi aws;

    @BeforeEach
    void start() throws Exception {
        polly = new StubAwsService(request -> {
            String text = JSON.readTree(request.body()).path("Text").asText();
            return new Reply(200, Map.of(
                    "Content-Type", "audio/mpeg",
                    "x-amzn-RequestCharacters", String.valueOf(text.length()),
                    "x-amzn-RequestId", "6a2d6a10-5d4c-4b8e-9c3e-0123456789ab"), MP3);
        });
    }

    @AfterEach
    void stop() {
        if (aws != null) aws.close();
        polly.close();
    }

    private SpeechSynthesizer synthesizer(Map<String, String> extraEnv, Duration timeout) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("POLLY_ENDPOINT", polly.endpoint().toString());
        aws = new AwsAi(AwsAiSettings.fromEnvironment(env).withTimeouts(Duration.ofSeconds(5), timeout, Duration.ofSeconds(5), 1), null);
        return aws.speech();
    }

    private SpeechSynthesizer synthesizer() {
        return synthesizer(Map.of(), Duration.ofSeconds(5));
    }

    @Test
    void asksForANeuralMp3ReadingInTheFemaleVoiceByDefault() throws Exception {
        Speech speech = synthesizer().synthesize("Hello, how are you?", Voice.FEMALE);

        assertThat(speech.audio()).isEqualTo(MP3);
        assertThat(speech.contentType()).isEqualTo("audio/mpeg");
        StubAwsService.Received sent = polly.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/v1/speech");
        assertThat(sent.header("Authorization")).contains("/ap-northeast-2/polly/aws4_request");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("Engine").asText()).isEqualTo("neural");
        assertThat(body.path("OutputFormat").asText()).isEqualTo("mp3");
        assertThat(body.path("TextType").asText()).isEqualTo("text");
        assertThat(body.path("VoiceId").asText()).isEqualTo("Joanna");
        assertThat(body.path("Text").asText()).isEqualTo("Hello, how are you?");
    }

    @Test
    void theMaleVoiceIsMatthewUnlessConfigured() throws Exception {
        synthesizer().synthesize("Hi.", Voice.MALE);
        assertThat(JSON.readTree(polly.last().body()).path("VoiceId").asText()).isEqualTo("Matthew");
        aws.close();

        synthesizer(Map.of("POLLY_MALE_VOICE", "Stephen", "POLLY_FEMALE_VOICE", "Ruth"), Duration.ofSeconds(5))
                .synthesize("Hi.", Voice.MALE);
        assertThat(JSON.readTree(polly.last().body()).path("VoiceId").asText()).isEqualTo("Stephen");
        aws.speech().synthesize("Hi.", Voice.FEMALE);
        assertThat(JSON.readTree(polly.last().body()).path("VoiceId").asText()).isEqualTo("Ruth");
    }

    @Test
    void textBeyondPollysLimitIsCutAtAWordBoundary() throws Exception {
        String word = "practice ";
        String text = word.repeat(400); // 3600 characters

        synthesizer().synthesize(text, Voice.FEMALE);

        String sent = JSON.readTree(polly.last().body()).path("Text").asText();
        assertThat(sent.length()).isLessThanOrEqualTo(PollySpeechSynthesizer.MAX_CHARACTERS);
        assertThat(sent).endsWith("practice");
        assertThat(text).startsWith(sent);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "a".repeat(2999) + "😀" + "b";
        String cut = PollySpeechSynthesizer.fitToLimit(text, 3000);
        assertThat(cut).isEqualTo("a".repeat(2999));
        assertThat(new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(cut);
    }

    @Test
    void throttlingIsAServiceUnavailable() {
        polly.answer(request -> Reply.error(429, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> synthesizer().synthesize("Hello", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Read-aloud is busy right now; please try again in a moment");
                });
    }

    @Test
    void textTooLongForPollyIsABadGateway() {
        polly.answer(request -> Reply.error(400, "TextLengthExceededException",
                "Maximum text length has been exceeded"));

        assertThatThrownBy(() -> synthesizer().synthesize("Hello", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("The message is too long to read aloud");
                });
    }

    @Test
    void aServiceFailureIsABadGateway() {
        polly.answer(request -> Reply.error(500, "ServiceFailureException", "An unknown condition has caused a service failure."));

        assertThatThrownBy(() -> synthesizer().synthesize("Hello", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsAServiceUnavailable() {
        polly.answer(request -> {
            Thread.sleep(3_000);
            return new Reply(200, Map.of("Content-Type", "audio/mpeg"), MP3);
        });

        assertThatThrownBy(() -> synthesizer(Map.of(), Duration.ofMillis(800)).synthesize("Hello", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Read-aloud did not answer in time; please try again");
                });
    }

    @Test
    void blankTextIsRefusedWithoutCallingPolly() {
        assertThatThrownBy(() -> synthesizer().synthesize("   ", Voice.FEMALE))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());
        assertThat(polly.received()).isEmpty();
    }
}
