package com.englishstudy.chat.dynamodb.table;

import com.englishstudy.chat.domain.common.ChatException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A listing position: the DynamoDB key a page ended on, as an opaque URL-safe string. Another layer signs it
 * before it leaves the server; here it is only checked well enough that a bad one is a 400, never a 500 from
 * DynamoDB refusing an {@code ExclusiveStartKey}.
 */
public final class Positions {
    private static final char FIELD = '\u001f';
    private static final char ENTRY = '\u001e';
    private static final String VERSION = "1";
    /** DynamoDB's limit for a sort key; a partition key may be longer, but none of ours is. */
    private static final int MAX_VALUE_BYTES = 1024;

    private Positions() {}

    /** Encodes the string attributes of {@code key}, in the order given. */
    public static String encode(Map<String, AttributeValue> key, List<String> names) {
        StringBuilder text = new StringBuilder(VERSION);
        for (String name : names) {
            AttributeValue value = key.get(name);
            if (value == null || value.s() == null) throw new IllegalArgumentException("key lacks string " + name);
            text.append(ENTRY).append(name).append(FIELD).append(value.s());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a position into an {@code ExclusiveStartKey} holding exactly {@code names}, each accepted by its
     * check. Anything else is {@link ChatException.InvalidInput}.
     */
    public static Map<String, AttributeValue> decode(String position, Map<String, Predicate<String>> checks) {
        String text = text(position);
        String[] entries = text.split(String.valueOf(ENTRY), -1);
        if (entries.length != checks.size() + 1 || !VERSION.equals(entries[0])) throw invalid();
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 1; i < entries.length; i++) {
            int split = entries[i].indexOf(FIELD);
            if (split < 1) throw invalid();
            String name = entries[i].substring(0, split);
            String value = entries[i].substring(split + 1);
            Predicate<String> check = checks.get(name);
            if (check == null || key.containsKey(name) || value.isEmpty()
                    || value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES || !check.test(value)) {
                throw invalid();
            }
            key.put(name, AttributeValue.fromS(value));
        }
        if (!key.keySet().equals(Set.copyOf(checks.keySet()))) throw invalid();
        return key;
    }

    private static String text(String position) {
        if (position == null || position.isEmpty() || position.length() > 8192) throw invalid();
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(position);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
    }

    private static ChatException.InvalidInput invalid() {
        return new ChatException.InvalidInput("Invalid cursor");
    }
}
