package com.englishstudy.chat.domain.common;

/**
 * @param limit how many items at most, already clamped by the caller to what the listing allows
 * @param after a {@link Page#nextPosition()} from an earlier page of the same listing, or {@code null} for the first
 */
public record PageRequest(int limit, String after) {
    public PageRequest {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
