import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.englishstudy.chat.lambda.Priming;
import java.util.Map;
import java.util.UUID;

/**
 * One fresh JVM, one handler, as a Lambda container starts it: the runtime's no-argument constructor (the
 * composition root in static initialisation), optionally the SnapStart priming hook, then the first request and a
 * second one. Prints one line of timings for bench/init-time.sh. A benchmark, not a test: it asserts nothing.
 *
 * <p>Run from bench/init-time.sh, which starts dynalite, sets the environment and launches this once per
 * handler and mode: {@code java -cp chat-lambda.jar:bench-classes InitTime ChatRoomHandler plain|primed|setup}.
 */
public final class InitTime {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String handlerName = args[0];
        String mode = args[1];
        Class<?> type = Class.forName("com.englishstudy.chat.lambda." + handlerName);
        Object handler = type.getConstructor().newInstance();
        long constructed = System.nanoTime();
        if (mode.equals("setup")) {
            System.out.println("READY");
            return;
        }
        if (mode.equals("primed")) Priming.primeContainer();
        long primed = System.nanoTime();
        String first = invoke(handlerName, handler);
        long answered = System.nanoTime();
        // CPU time of all the JVM's threads so far: what a function with a fraction of a core pays, however busy
        // the machine running this is.
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
        invoke(handlerName, handler);
        long second = System.nanoTime();
        System.out.printf("ANSWER %s %s init=%d prime=%d first=%d second=%d cpu=%d answer=%s%n", handlerName, mode,
                ms(start, constructed), ms(constructed, primed), ms(primed, answered), ms(answered, second), cpu, first);
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    @SuppressWarnings("unchecked")
    private static String invoke(String name, Object handler) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return switch (name) {
            case "ChatRoomHandler" -> http(handler, "POST", "/rooms",
                    "{\"name\":\"Bench " + unique + "\",\"level\":\"beginner\",\"createdBy\":\"bench-" + unique + "\"}");
            case "ChatMessageHandler" -> http(handler, "GET", "/users/bench-" + unique + "/messages", null);
            case "ChatAIHandler" -> http(handler, "POST", "/rooms/bench-" + unique + "/ai", "{\"userId\":\"bench-user\"}");
            case "ChatVoiceHandler" -> http(handler, "POST", "/messages/bench-" + unique + "/voice", "{\"userId\":\"bench-user\"}");
            case "WebSocketConnectHandler" -> socket(handler, "$connect", "CONNECT", unique, null, Map.of("roomToken", unique));
            case "WebSocketMessageHandler" -> socket(handler, "sendMessage", "MESSAGE", unique,
                    "{\"action\":\"sendMessage\",\"content\":\"Hello!\"}", null);
            case "WebSocketDisconnectHandler" -> socket(handler, "$disconnect", "DISCONNECT", unique, null, null);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @SuppressWarnings("unchecked")
    private static String http(Object handler, String method, String path, String body) {
        var event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(method + " " + path).withRawPath(path).withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json")).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .build())
                .build();
        var response = ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler).handleRequest(event, null);
        return String.valueOf(response.getStatusCode());
    }

    @SuppressWarnings("unchecked")
    private static String socket(Object handler, String routeKey, String type, String connectionId, String body,
                                 Map<String, String> query) {
        var context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(type);
        context.setConnectionId(connectionId + "=");
        var event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        event.setQueryStringParameters(query);
        var response = ((RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>) handler)
                .handleRequest(event, null);
        return response.getStatusCode() + (response.getBody() == null ? "" : ":" + response.getBody().replace(' ', '_'));
    }
}
