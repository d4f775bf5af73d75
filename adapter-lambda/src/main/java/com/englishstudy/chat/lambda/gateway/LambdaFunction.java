package com.englishstudy.chat.lambda.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * One deployed function as API Gateway sees it: a JSON event in, a JSON response out, or a failure. The event
 * is read into the handler's input type by the Lambda runtime's serialiser, and its return written back by it.
 */
record LambdaFunction<I, O>(String name, RequestHandler<I, O> handler, Class<I> input, Class<O> output) {
    private static final System.Logger LOG = System.getLogger(LambdaFunction.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's integration timeout, as the remaining time a handler sees. */
    private static final Duration TIMEOUT = Duration.ofSeconds(29);

    /** @return the response as JSON; empty when the handler threw (Lambda reports an error, not a response) */
    Optional<JsonNode> invoke(String eventJson) {
        I event = RuntimeSerialization.fromJson(eventJson, input);
        O result;
        try {
            result = handler.handleRequest(event, new LocalContext(name, UUID.randomUUID().toString(),
                    System.currentTimeMillis() + TIMEOUT.toMillis()));
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, name + " failed", e);
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(RuntimeSerialization.toJson(result, output)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
