package com.englishstudy.chat.lambda.gateway;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.MembershipContract;
import java.util.Map;

class GatewayMembershipContractTest extends MembershipContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return GatewayRuntime.start(env);
    }
}
