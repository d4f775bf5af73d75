package com.englishstudy.chat.javalin;

import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.MessagesContract;
import java.util.Map;

class JavalinMessagesContractTest extends MessagesContract {
    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        return JavalinRuntime.start(env);
    }
}
