package com.englishstudy.chat.javalin;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.RoomEventsContract;
import java.util.Map;

class JavalinRoomEventsContractTest extends RoomEventsContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return JavalinRuntime.start(env);
    }
}
