package com.englishstudy.chat.domain.room;

/**
 * Which rooms a listing shows.
 *
 * @param level    only rooms of this level, or {@code null} for all
 * @param memberId only rooms this user is a member of, or {@code null} for all
 */
public record RoomFilter(Level level, String memberId) {
    public static final RoomFilter ALL = new RoomFilter(null, null);
}
