package com.englishstudy.chat.domain.connection;

import com.englishstudy.chat.domain.message.ChatMessage;

/** What the server tells a room's connections (SPEC 5). */
public sealed interface RoomEvent {
    String roomId();

    record MessagePosted(ChatMessage message) implements RoomEvent {
        public String roomId() { return message.roomId(); }
    }

    record PresenceChanged(String roomId, String userId, Presence status, int currentMembers) implements RoomEvent {}

    /** After this event the receiving connections are closed. */
    record RoomDeleted(String roomId) implements RoomEvent {}

    enum Presence {
        JOINED, LEFT;

        public String wire() {
            return this == JOINED ? "joined" : "left";
        }
    }
}
