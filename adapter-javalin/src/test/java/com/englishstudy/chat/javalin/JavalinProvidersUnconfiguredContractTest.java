package com.englishstudy.chat.javalin;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.ProvidersUnconfiguredContract;
import java.util.HashMap;
import java.util.Map;

class JavalinProvidersUnconfiguredContractTest extends ProvidersUnconfiguredContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        // No speech, and a tutor that cannot be reached (port 1 refuses connections): the local runtime otherwise
        // plays an offline tutor. Without the local AI adapter these names are simply not read.
        Map<String, String> unavailable = new HashMap<>(env);
        unavailable.put("CHAT_SPEECH", "none");
        unavailable.put("CHAT_TUTOR", "openai");
        unavailable.put("OPENAI_MODEL", "unreachable");
        unavailable.put("OPENAI_BASE_URL", "http://127.0.0.1:1");
        unavailable.put("OPENAI_TIMEOUT_SECONDS", "2");
        return JavalinRuntime.start(unavailable);
    }
}
