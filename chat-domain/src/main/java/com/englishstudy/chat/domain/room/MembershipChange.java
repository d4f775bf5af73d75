package com.englishstudy.chat.domain.room;

/** What an atomic membership change on a room did. */
public sealed interface MembershipChange {
    /** The user was added (join) or removed (leave); {@code room} is the room right after the change. */
    record Changed(Room room) implements MembershipChange {}

    /** Join of a user who already was a member: nothing changed. */
    record AlreadyMember(Room room) implements MembershipChange {}

    /** Join refused: every place is taken. */
    record Full(Room room) implements MembershipChange {}

    /** Leave of a user who is not a member: nothing changed. */
    record NotMember(Room room) implements MembershipChange {}

    record NoSuchRoom() implements MembershipChange {}
}
