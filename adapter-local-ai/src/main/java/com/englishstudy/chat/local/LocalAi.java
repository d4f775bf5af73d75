package com.englishstudy.chat.local;

import com.englishstudy.chat.domain.tutor.Tutor;
import com.englishstudy.chat.domain.voice.NoSpeech;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import com.englishstudy.chat.local.tutor.OfflineTutor;
import com.englishstudy.chat.local.tutor.OpenAiCompatibleTutor;
import com.englishstudy.chat.local.voice.EspeakSpeechSynthesizer;
import com.englishstudy.chat.local.voice.InMemoryAudioStore;
import java.net.URI;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Builds the local runtime's tutor, speech and audio store from the environment. Choosing Bedrock instead is the
 * runtime's business (it knows {@code BEDROCK_MODEL_ID}); this module knows only what runs without AWS.
 */
public final class LocalAi {
    private final LocalAiSettings settings;
    private final Predicate<String> espeakInstalled;

    public static LocalAi fromEnvironment(Map<String, String> env) {
        return new LocalAi(LocalAiSettings.fromEnvironment(env));
    }

    public LocalAi(LocalAiSettings settings) {
        this(settings, EspeakSpeechSynthesizer::isInstalled);
    }

    /** @param espeakInstalled tells whether the espeak-ng command works; tests replace it */
    LocalAi(LocalAiSettings settings, Predicate<String> espeakInstalled) {
        this.settings = settings;
        this.espeakInstalled = espeakInstalled;
    }

    public LocalAiSettings settings() {
        return settings;
    }

    /** A new tutor: the offline one, or one on the configured OpenAI-compatible server. */
    public Tutor tutor() {
        return switch (settings.tutor()) {
            case OFFLINE -> new OfflineTutor();
            case OPENAI -> new OpenAiCompatibleTutor(settings.openAiBaseUrl(), settings.openAiModel(),
                    settings.openAiApiKey(), settings.openAiTimeout());
        };
    }

    /**
     * espeak-ng when asked for or, by default, when installed; otherwise the domain's {@link NoSpeech}, which
     * answers every read-aloud request with a clear 503.
     *
     * @throws IllegalStateException when {@code CHAT_SPEECH=espeak} but espeak-ng does not run
     */
    public SpeechSynthesizer speech() {
        return switch (settings.speech()) {
            case NONE -> new NoSpeech();
            case AUTO -> espeakInstalled.test(EspeakSpeechSynthesizer.DEFAULT_COMMAND)
                    ? new EspeakSpeechSynthesizer() : new NoSpeech();
            case ESPEAK -> {
                if (!espeakInstalled.test(EspeakSpeechSynthesizer.DEFAULT_COMMAND)) {
                    throw new IllegalStateException(
                            "CHAT_SPEECH=espeak but espeak-ng does not run here; install it (apt-get install espeak-ng)"
                                    + " or set CHAT_SPEECH=auto");
                }
                yield new EspeakSpeechSynthesizer();
            }
        };
    }

    /** @param baseUrl the server's address as clients reach it; see {@link InMemoryAudioStore#InMemoryAudioStore(Supplier)} */
    public InMemoryAudioStore audioStore(Supplier<URI> baseUrl) {
        return new InMemoryAudioStore(baseUrl);
    }

    /** One line for the start-up log: what plays the tutor and what reads aloud. */
    public String describe(SpeechSynthesizer speech) {
        String tutor = switch (settings.tutor()) {
            case OFFLINE -> "offline tutor";
            case OPENAI -> "OpenAI-compatible tutor " + settings.openAiModel() + " at " + settings.openAiBaseUrl();
        };
        String voice = speech instanceof EspeakSpeechSynthesizer ? "espeak-ng" : "no read-aloud";
        return tutor + ", " + voice;
    }
}
