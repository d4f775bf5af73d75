package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Rooms and their members. Every method is atomic on its own: two concurrent joins never both take
 * the last place, and {@code currentMembers} always equals the size of {@code memberIds}.
 */
public interface RoomRepository {

    /** Stores a new room; its id is fresh, so this never overwrites. */
    void create(Room room);

    Optional<Room> find(String roomId);

    /** Adds {@code userId} if the room exists, the user is not yet a member and a place is free. */
    MembershipChange addMember(String roomId, String userId);

    /** Removes {@code userId} if the room exists and the user is a member. An emptied room stays until {@link #deleteIfEmpty}. */
    MembershipChange removeMember(String roomId, String userId);

    /**
     * Deletes the room only if it has no members at that instant, so a join that slipped in after the last
     * leave keeps the room alive. Returns whether it deleted.
     */
    boolean deleteIfEmpty(String roomId);

    /** Deletes the room whatever its members; does nothing if it is gone. */
    void delete(String roomId);

    /**
     * Records a stored message: the room becomes {@code active} at once, and {@code lastMessageAt} moves to
     * {@code at} unless it is already later. An implementation may coarsen the latter to a resolution window
     * of its own (it then moves at most once per window, and never back) to spare a write per message.
     * Does nothing if the room is gone.
     */
    void recordMessage(String roomId, Instant at);

    /** Rooms matching the filter, newest {@code createdAt} first; every room appears once across pages. */
    Page<Room> list(RoomFilter filter, PageRequest page);
}
