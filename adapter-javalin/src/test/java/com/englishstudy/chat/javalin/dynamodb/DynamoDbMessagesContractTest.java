package com.englishstudy.chat.javalin.dynamodb;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.MessagesContract;
import java.util.Map;

class DynamoDbMessagesContractTest extends MessagesContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return DynamoDbRuntime.start(env);
    }
}
