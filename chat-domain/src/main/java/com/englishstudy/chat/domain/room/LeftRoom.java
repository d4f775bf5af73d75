package com.englishstudy.chat.domain.room;

public record LeftRoom(String roomId, int currentMembers, boolean roomDeleted) {}
