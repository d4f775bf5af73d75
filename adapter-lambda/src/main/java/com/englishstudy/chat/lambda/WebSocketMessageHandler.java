package com.englishstudy.chat.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/**
 * WebSocket API: every action of SPEC 5 ({@code sendMessage}, {@code ping}) and the {@code $default}
 * route, which catches frames whose action is missing or unknown: the core answers them all, an error event
 * included. What is for the sender alone is the response body (the routes have a two-way route response).
 */
public final class WebSocketMessageHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final ChatLambda root;

    /** The Lambda runtime's constructor: the container's composition root. */
    public WebSocketMessageHandler() {
        this(Container.root());
    }

    public WebSocketMessageHandler(ChatLambda root) {
        this.root = root;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return SocketEvents.message(root.socket(), root.broadcaster(), event);
    }
}
