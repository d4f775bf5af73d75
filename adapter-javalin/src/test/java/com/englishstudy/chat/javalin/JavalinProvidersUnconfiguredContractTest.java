package com.englishstudy.chat.javalin;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.ProvidersUnconfiguredContract;
import java.util.Map;

class JavalinProvidersUnconfiguredContractTest extends ProvidersUnconfiguredContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return JavalinRuntime.start(env);
    }
}
