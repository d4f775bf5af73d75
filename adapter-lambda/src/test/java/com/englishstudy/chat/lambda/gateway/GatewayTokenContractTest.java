package com.englishstudy.chat.lambda.gateway;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.TokenContract;
import java.util.Map;

class GatewayTokenContractTest extends TokenContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return GatewayRuntime.start(env);
    }
}
