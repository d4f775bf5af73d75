package com.englishstudy.chat.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Small JSON helpers for the suite: building bodies (nulls allowed), reading replies, and the leak check. */
public final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /** ISO-8601 UTC with milliseconds, as SPEC 4 writes every time. */
    public static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private Json() {}

    /** An ordered JSON object from name/value pairs; values may be null (sent as JSON null). */
    public static Map<String, Object> obj(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("name/value pairs expected");
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return map;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The parsed document, or null when the text is not JSON (callers then fail with the text shown). */
    public static JsonNode tryParse(String text) {
        if (text == null || text.isEmpty()) return null;
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    public static List<String> texts(JsonNode array, String field) {
        return texts(list(array), field);
    }

    public static List<String> texts(List<JsonNode> items, String field) {
        return items.stream().map(n -> n.path(field).asText()).toList();
    }

    /**
     * SPEC 4: the password is stored only as a BCrypt hash and never appears in any response. Checked on every
     * reply and every frame the suite receives: no key naming a password, no BCrypt hash anywhere.
     */
    static void assertNoSecrets(String raw, JsonNode parsed) {
        if (raw != null) {
            assertThat(raw).as("a BCrypt hash leaked in: %s", raw).doesNotContain("$2a$", "$2b$", "$2y$");
        }
        if (parsed != null) assertNoPasswordKey(parsed, raw);
    }

    private static void assertNoPasswordKey(JsonNode node, String raw) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                assertThat(field.getKey().toLowerCase(Locale.ROOT)).as("a password key leaked in: %s", raw)
                        .doesNotContain("password");
                assertNoPasswordKey(field.getValue(), raw);
            }
        } else if (node.isArray()) {
            node.forEach(child -> assertNoPasswordKey(child, raw));
        }
    }
}
