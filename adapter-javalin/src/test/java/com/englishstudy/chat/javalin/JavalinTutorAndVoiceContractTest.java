package com.englishstudy.chat.javalin;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.englishstudy.chat.local.voice.EspeakSpeechSynthesizer;
import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.TutorAndVoiceContract;
import java.util.HashMap;
import java.util.Map;

/** The local runtime's own providers: the offline tutor and espeak-ng (CI installs it; skipped where missing). */
class JavalinTutorAndVoiceContractTest extends TutorAndVoiceContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        // Here rather than in a @BeforeAll of this class: the base class's @BeforeAll, which starts the server, runs first.
        assumeTrue(EspeakSpeechSynthesizer.isInstalled(EspeakSpeechSynthesizer.DEFAULT_COMMAND),
                "espeak-ng is not installed (apt-get install espeak-ng): read-aloud cannot be played here");
        Map<String, String> local = new HashMap<>(env);
        local.put("CHAT_TUTOR", "offline");
        local.put("CHAT_SPEECH", "espeak");
        return JavalinRuntime.start(local);
    }
}
