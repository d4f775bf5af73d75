package com.englishstudy.chat.ports.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A URL's query string, read strictly and the same way by every runtime: a broken percent escape, or bytes
 * that are not UTF-8, make the whole query malformed ({@link #MALFORMED}, a 400). Javalin's own reading drops
 * such a value, so {@code ?level=%ZZ} listed rooms of every level as if no level had been asked for; and
 * {@code URLDecoder} puts U+FFFD in place of bytes that are not UTF-8.
 */
public final class QueryStrings {
    /** The error for a query that cannot be read. */
    public static final String MALFORMED = "The query string is not valid URL encoding of UTF-8";

    private QueryStrings() {}

    /**
     * The first value of each name ({@code +} is a space, a name without {@code =} has the value "").
     *
     * @throws IllegalArgumentException if a name or value is not valid URL encoding of UTF-8
     */
    public static Map<String, String> parse(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) return params;
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) return encoded;
        byte[] in = encoded.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= in.length || !isHex(in[i + 1]) || !isHex(in[i + 2])) {
                    throw new IllegalArgumentException("Broken percent escape");
                }
                out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Not UTF-8", e);
        }
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
