package com.englishstudy.chat.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/**
 * WebSocket API: {@code $connect}. Spends the {@code roomToken} of the query string and binds the
 * connection to its room and user; a missing, unknown, used or expired token is answered 401, which API Gateway
 * turns into a refused upgrade.
 */
public final class WebSocketConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final ChatLambda root;

    /** The Lambda runtime's constructor: the container's composition root. */
    public WebSocketConnectHandler() {
        this(Container.root());
    }

    public WebSocketConnectHandler(ChatLambda root) {
        this.root = root;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return SocketEvents.connect(root.socket(), event);
    }
}
