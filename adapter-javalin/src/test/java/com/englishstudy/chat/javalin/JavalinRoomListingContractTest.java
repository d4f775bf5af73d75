package com.englishstudy.chat.javalin;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.RoomListingContract;
import java.util.Map;

class JavalinRoomListingContractTest extends RoomListingContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return JavalinRuntime.start(env);
    }
}
