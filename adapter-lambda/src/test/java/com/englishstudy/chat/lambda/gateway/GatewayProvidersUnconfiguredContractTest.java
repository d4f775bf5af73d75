package com.englishstudy.chat.lambda.gateway;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.ProvidersUnconfiguredContract;
import java.util.Map;

/** No BEDROCK_MODEL_ID and no CHAT_BUCKET_NAME: the tutor and read-aloud answer 503. */
class GatewayProvidersUnconfiguredContractTest extends ProvidersUnconfiguredContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return GatewayRuntime.start(env);
    }
}
