package com.englishstudy.chat.lambda.gateway;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON to handler input and handler output to JSON, chosen the way the Lambda Java runtime chooses: its event
 * serializers for the events it knows, its POJO serializer (which the API Gateway v2 events get) for the rest.
 * The gateway speaks API Gateway's JSON; this is what turns it into the objects a deployed handler receives.
 */
final class RuntimeSerialization {
    private static final ConcurrentHashMap<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private RuntimeSerialization() {}

    static <T> T fromJson(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    static <T> String toJson(T value, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type, t ->
                LambdaEventSerializers.isLambdaSupportedEvent(t.getName())
                        ? LambdaEventSerializers.serializerFor(t, t.getClassLoader())
                        : JacksonFactory.getInstance().getSerializer(t));
    }
}
