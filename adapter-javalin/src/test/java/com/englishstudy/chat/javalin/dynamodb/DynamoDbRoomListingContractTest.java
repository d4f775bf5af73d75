package com.englishstudy.chat.javalin.dynamodb;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.RoomListingContract;
import java.util.Map;

class DynamoDbRoomListingContractTest extends RoomListingContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return DynamoDbRuntime.start(env);
    }
}
