package com.englishstudy.chat.javalin.dynamodb;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.RoomEventsContract;
import java.util.Map;

class DynamoDbRoomEventsContractTest extends RoomEventsContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return DynamoDbRuntime.start(env);
    }
}
