package com.englishstudy.chat.domain.voice;

import com.englishstudy.chat.domain.common.ChatException;
import java.util.Locale;

public enum Voice {
    FEMALE, MALE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code female} when absent; letter case does not matter. */
    public static Voice parse(String raw) {
        if (raw == null) return FEMALE;
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "female" -> FEMALE;
            case "male" -> MALE;
            default -> throw new ChatException.InvalidInput("voice must be female or male");
        };
    }
}
