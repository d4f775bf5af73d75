package com.englishstudy.chat.ports.json;

import com.englishstudy.chat.domain.common.ChatException.InvalidInput;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A JSON object sent by a client, read strictly: one object and nothing after it, no duplicate keys, and
 * each field of the type the contract says. A wrong type is a bad request, never coerced: {@code "6"} is not
 * a number, {@code 1} is not a boolean.
 */
public final class JsonInput {
    private static final ObjectMapper MAPPER = JsonMapper.builder(ChatJson.factory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final ObjectNode object;

    private JsonInput(ObjectNode object) {
        this.object = object;
    }

    public static JsonInput parse(byte[] body, String what) {
        if (body.length == 0) throw new InvalidInput(what + " is required");
        return parseTree(() -> MAPPER.readTree(body), what);
    }

    public static JsonInput parse(String text, String what) {
        if (text == null || text.isEmpty()) throw new InvalidInput(what + " is required");
        return parseTree(() -> MAPPER.readTree(text), what);
    }

    private interface TreeReader {
        JsonNode read() throws IOException;
    }

    private static JsonInput parseTree(TreeReader reader, String what) {
        JsonNode node;
        try {
            node = reader.read();
        } catch (IOException e) {
            throw new InvalidInput(what + " is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) throw new InvalidInput(what + " must be a JSON object");
        return new JsonInput(object);
    }

    /** The field as a string; {@code null} when absent or null. */
    public String string(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isTextual()) throw new InvalidInput(field + " must be a string");
        return node.textValue();
    }

    public Integer integer(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isIntegralNumber() || !node.canConvertToInt()) throw new InvalidInput(field + " must be a whole number");
        return node.intValue();
    }

    public Boolean bool(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isBoolean()) throw new InvalidInput(field + " must be true or false");
        return node.booleanValue();
    }

    public boolean has(String field) {
        JsonNode node = object.get(field);
        return node != null && !node.isNull();
    }
}
