package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.token.RoomToken;

/** @param newMember false when the user was a member already (a reconnect) */
public record JoinedRoom(Room room, RoomToken token, boolean newMember) {}
