package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.ChatException;
import java.util.Locale;

/** A room's English level: accepted in any letter case (and nothing else around it), always written in lower case. */
public enum Level {
    BEGINNER, INTERMEDIATE, ADVANCED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level parse(String raw, String field) {
        if (raw == null) throw new ChatException.InvalidInput(field + " is required");
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "beginner" -> BEGINNER;
            case "intermediate" -> INTERMEDIATE;
            case "advanced" -> ADVANCED;
            default -> throw new ChatException.InvalidInput(field + " must be one of beginner, intermediate, advanced");
        };
    }
}
