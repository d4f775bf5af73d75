package com.englishstudy.chat.domain.common;

/**
 * Where an in-memory listing stopped: the creation time and id of the last item of a page, written as
 * {@code <epoch millis>:<id>} into {@link Page#nextPosition()} (the API signs it into a cursor).
 */
public record ListingPosition(long createdAtMillis, String id) {

    public String text() {
        return createdAtMillis + ":" + id;
    }

    /** Reads a position written by {@link #text()}; anything else is an invalid cursor. */
    public static ListingPosition parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 1) throw new ChatException.InvalidInput("Invalid cursor");
        try {
            return new ListingPosition(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ChatException.InvalidInput("Invalid cursor");
        }
    }
}
