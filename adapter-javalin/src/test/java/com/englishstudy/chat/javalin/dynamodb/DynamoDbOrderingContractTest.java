package com.englishstudy.chat.javalin.dynamodb;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.OrderingContract;
import java.util.Map;

class DynamoDbOrderingContractTest extends OrderingContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return DynamoDbRuntime.start(env);
    }
}
