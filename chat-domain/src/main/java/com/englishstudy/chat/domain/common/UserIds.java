package com.englishstudy.chat.domain.common;

import java.util.regex.Pattern;

/** The shape of a user id (SPEC 3), and the one id no user may act as. */
public final class UserIds {
    public static final String AI_TUTOR = "ai-tutor";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private UserIds() {}

    /** Checks an id a person acts as: well formed, and not the tutor's in any letter case ("AI-Tutor" would pass for it). */
    public static String requireActor(String userId, String field) {
        String id = requireWellFormed(userId, field);
        if (AI_TUTOR.equalsIgnoreCase(id)) {
            throw new ChatException.Forbidden("The user id '" + AI_TUTOR + "' is reserved for the AI tutor");
        }
        return id;
    }

    public static String requireWellFormed(String userId, String field) {
        if (userId == null) throw new ChatException.InvalidInput(field + " is required");
        if (!VALID.matcher(userId).matches()) {
            throw new ChatException.InvalidInput(
                    field + " must be 1 to 64 letters, digits or the characters _ - . @");
        }
        return userId;
    }
}
