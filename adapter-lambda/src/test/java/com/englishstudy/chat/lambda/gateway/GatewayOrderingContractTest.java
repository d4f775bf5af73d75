package com.englishstudy.chat.lambda.gateway;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.OrderingContract;
import java.util.Map;

class GatewayOrderingContractTest extends OrderingContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return GatewayRuntime.start(env);
    }
}
