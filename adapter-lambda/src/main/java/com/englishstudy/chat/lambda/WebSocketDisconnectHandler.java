package com.englishstudy.chat.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/**
 * WebSocket API: {@code $disconnect}. Forgets the connection and keeps the membership.
 */
public final class WebSocketDisconnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final ChatLambda root;

    /** The Lambda runtime's constructor: the container's composition root. */
    public WebSocketDisconnectHandler() {
        this(Container.root());
    }

    public WebSocketDisconnectHandler(ChatLambda root) {
        this.root = root;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return SocketEvents.disconnect(root.socket(), event);
    }
}
