package com.englishstudy.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.voice.NoSpeech;
import com.englishstudy.chat.local.tutor.OfflineTutor;
import com.englishstudy.chat.local.tutor.OpenAiCompatibleTutor;
import com.englishstudy.chat.local.voice.EspeakSpeechSynthesizer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalAiTest {
    @Test
    void byDefaultTheTutorIsOfflineAndSpeechIsEspeakWhenInstalled() {
        LocalAiSettings settings = LocalAiSettings.fromEnvironment(Map.of());

        assertThat(new LocalAi(settings, command -> true).tutor()).isInstanceOf(OfflineTutor.class);
        assertThat(new LocalAi(settings, command -> true).speech()).isInstanceOf(EspeakSpeechSynthesizer.class);
        assertThat(new LocalAi(settings, command -> false).speech()).isInstanceOf(NoSpeech.class);
    }

    @Test
    void anOpenAiCompatibleTutorNeedsAModel() {
        assertThatThrownBy(() -> LocalAiSettings.fromEnvironment(Map.of("CHAT_TUTOR", "openai")))
                .hasMessageContaining("OPENAI_MODEL");

        LocalAi ai = LocalAi.fromEnvironment(Map.of("CHAT_TUTOR", "OpenAI", "OPENAI_MODEL", "llama3.2",
                "OPENAI_BASE_URL", "http://127.0.0.1:8000/v1", "OPENAI_API_KEY", "secret-key",
                "OPENAI_TIMEOUT_SECONDS", "12"));

        assertThat(ai.tutor()).isInstanceOfSatisfying(OpenAiCompatibleTutor.class,
                tutor -> assertThat(tutor.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8000/v1/chat/completions")));
        assertThat(ai.settings().openAiTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(ai.settings().toString()).doesNotContain("secret-key");
    }

    @Test
    void ollamaIsTheDefaultServer() {
        LocalAi ai = LocalAi.fromEnvironment(Map.of("CHAT_TUTOR", "openai", "OPENAI_MODEL", "llama3.2"));

        assertThat(((OpenAiCompatibleTutor) ai.tutor()).endpoint())
                .isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
    }

    @Test
    void unknownChoicesStopStartUpWithTheVariablesName() {
        assertThatThrownBy(() -> LocalAiSettings.fromEnvironment(Map.of("CHAT_TUTOR", "bedrock")))
                .hasMessage("CHAT_TUTOR must be one of offline, openai, not 'bedrock'");
        assertThatThrownBy(() -> LocalAiSettings.fromEnvironment(Map.of("CHAT_SPEECH", "polly")))
                .hasMessage("CHAT_SPEECH must be one of auto, espeak, none, not 'polly'");
        assertThatThrownBy(() -> LocalAiSettings.fromEnvironment(Map.of("OPENAI_BASE_URL", "localhost:11434")))
                .hasMessageContaining("OPENAI_BASE_URL");
        assertThatThrownBy(() -> LocalAiSettings.fromEnvironment(Map.of("OPENAI_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("OPENAI_TIMEOUT_SECONDS");
    }

    @Test
    void speechCanBeTurnedOffOrDemanded() {
        assertThat(new LocalAi(LocalAiSettings.fromEnvironment(Map.of("CHAT_SPEECH", "none")), command -> true).speech())
                .isInstanceOf(NoSpeech.class);
        LocalAi demanding = new LocalAi(LocalAiSettings.fromEnvironment(Map.of("CHAT_SPEECH", "espeak")), command -> false);
        assertThatThrownBy(demanding::speech).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install espeak-ng");
    }

    @Test
    void theAudioStoreLinksToTheGivenServer() {
        LocalAi ai = LocalAi.fromEnvironment(Map.of());

        assertThat(ai.audioStore(() -> URI.create("http://127.0.0.1:8080")).linkTo("voice/r/m/female.wav").toString())
                .startsWith("http://127.0.0.1:8080/audio/voice/r/m/female.wav?expires=");
    }
}
