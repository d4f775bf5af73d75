package com.englishstudy.chat.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.englishstudy.chat.ports.http.ChatApi;

/**
 * HTTP API: rooms (create, list, read, join, leave, delete), {@code GET /health}, and the
 * {@code $default} route, where unknown routes get the API's 404 envelope.
 * The event becomes a chat-ports request and the answer goes back as it is; routing is API Gateway's
 * (template.yaml), and every rule is the core's.
 */
public final class ChatRoomHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ChatApi api;

    /** The Lambda runtime's constructor: the container's composition root. */
    public ChatRoomHandler() {
        this(Container.root());
    }

    public ChatRoomHandler(ChatLambda root) {
        this.api = root.api();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpEvents.handle(api, event);
    }
}
