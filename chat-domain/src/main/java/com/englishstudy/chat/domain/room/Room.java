package com.englishstudy.chat.domain.room;

import java.time.Instant;
import java.util.List;

/**
 * A chat room for one level.
 *
 * @param passwordHash BCrypt hash for a private room, {@code null} for a public one; never leaves the core
 * @param memberIds    members in the order they joined; the creator first
 */
public record Room(
        String roomId,
        String name,
        String description,
        Level level,
        int maxMembers,
        boolean isPrivate,
        String passwordHash,
        String createdBy,
        List<String> memberIds,
        RoomStatus status,
        Instant createdAt,
        Instant lastMessageAt) {

    public Room {
        memberIds = List.copyOf(memberIds);
    }

    public int currentMembers() {
        return memberIds.size();
    }

    public boolean isMember(String userId) {
        return memberIds.contains(userId);
    }

    public boolean isFull() {
        return memberIds.size() >= maxMembers;
    }

    public Room withMembers(List<String> members) {
        return new Room(roomId, name, description, level, maxMembers, isPrivate, passwordHash, createdBy,
                members, status, createdAt, lastMessageAt);
    }

    /** The room after a message stored at {@code at}: active, and its last message time never moving back. */
    public Room withMessageAt(Instant at) {
        Instant last = at.isAfter(lastMessageAt) ? at : lastMessageAt;
        return new Room(roomId, name, description, level, maxMembers, isPrivate, passwordHash, createdBy,
                memberIds, RoomStatus.ACTIVE, createdAt, last);
    }
}
