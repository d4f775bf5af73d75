package com.englishstudy.chat.lambda.gateway;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.SocketContract;
import java.time.Duration;
import java.util.Map;

/**
 * With {@code lastMessageAt} kept exact: this class checks it to the millisecond after two quick messages, which
 * the deployed table keeps only to within 5 s to save three write units a message (docs/decisions/0005).
 */
class GatewaySocketContractTest extends SocketContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return GatewayRuntime.start(env, Duration.ZERO);
    }
}
