package com.englishstudy.chat.javalin.dynamodb;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.MembershipContract;
import java.util.Map;

class DynamoDbMembershipContractTest extends MembershipContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return DynamoDbRuntime.start(env);
    }
}
