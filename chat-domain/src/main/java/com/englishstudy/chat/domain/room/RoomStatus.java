package com.englishstudy.chat.domain.room;

import java.util.Locale;

/** {@code CREATED} until the room's first stored message, then {@code ACTIVE}. */
public enum RoomStatus {
    CREATED, ACTIVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
