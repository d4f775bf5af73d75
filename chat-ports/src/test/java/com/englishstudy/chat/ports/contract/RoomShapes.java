package com.englishstudy.chat.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The shapes of SPEC 4 (room detail, summary, message, page) and SPEC 5 (message event), checked field by field. */
public final class RoomShapes {
    static final List<String> DETAIL = List.of("roomId", "name", "description", "level", "currentMembers", "maxMembers",
            "isPrivate", "status", "createdBy", "memberIds", "createdAt", "lastMessageAt");
    static final List<String> SUMMARY = List.of("roomId", "name", "level", "currentMembers", "maxMembers", "isPrivate",
            "status", "createdAt", "lastMessageAt");
    static final List<String> MESSAGE = List.of("messageId", "roomId", "userId", "content", "messageType", "createdAt");
    static final Set<String> MESSAGE_OPTIONAL = Set.of("clientMessageId", "maleVoiceKey", "femaleVoiceKey");
    static final Set<String> LEVELS = Set.of("beginner", "intermediate", "advanced");

    private RoomShapes() {}

    public static void assertDetail(JsonNode room) {
        assertThat(Json.fieldNames(room)).as("room detail %s", room).containsExactlyInAnyOrderElementsOf(DETAIL);
        assertCommon(room);
        assertThat(room.path("createdBy").isTextual()).as("createdBy of %s", room).isTrue();
        assertThat(room.path("description").isTextual() || room.path("description").isNull()).isTrue();
        JsonNode members = room.path("memberIds");
        assertThat(members.isArray()).as("memberIds of %s", room).isTrue();
        List<String> ids = Json.list(members).stream().map(JsonNode::asText).toList();
        assertThat(ids).as("memberIds of %s", room).doesNotHaveDuplicates();
        assertThat(room.path("currentMembers").intValue()).as("currentMembers == size of memberIds in %s", room)
                .isEqualTo(ids.size());
    }

    public static void assertSummary(JsonNode room) {
        assertThat(Json.fieldNames(room)).as("room summary %s", room).containsExactlyInAnyOrderElementsOf(SUMMARY);
        assertCommon(room);
    }

    private static void assertCommon(JsonNode room) {
        assertThat(room.path("roomId").asText()).isNotBlank();
        assertThat(room.path("name").isTextual()).isTrue();
        assertThat(LEVELS).as("level of %s", room).contains(room.path("level").asText());
        assertThat(room.path("currentMembers").isInt()).isTrue();
        assertThat(room.path("maxMembers").isInt()).isTrue();
        assertThat(room.path("currentMembers").intValue()).isBetween(1, room.path("maxMembers").intValue());
        assertThat(room.path("isPrivate").isBoolean()).isTrue();
        assertThat(room.path("status").asText()).as("status of %s", room).isIn("created", "active");
        assertThat(room.path("createdAt").asText()).as("createdAt of %s", room).matches(Json.ISO_MILLIS);
        assertThat(room.path("lastMessageAt").asText()).as("lastMessageAt of %s", room).matches(Json.ISO_MILLIS);
        assertThat(room.path("lastMessageAt").asText()).as("lastMessageAt >= createdAt in %s", room)
                .isGreaterThanOrEqualTo(room.path("createdAt").asText());
    }

    /** A stored message as the REST API returns it. */
    public static void assertMessage(JsonNode message) {
        Set<String> names = new HashSet<>(Json.fieldNames(message));
        assertThat(names).as("message %s", message).containsAll(MESSAGE);
        names.removeAll(MESSAGE);
        assertThat(MESSAGE_OPTIONAL).as("extra fields of message %s", message).containsAll(names);
        assertMessageValues(message);
    }

    /** A {@code message} event: the message's fields at the top level, plus {@code event}. */
    public static void assertMessageEvent(JsonNode event) {
        Set<String> names = new HashSet<>(Json.fieldNames(event));
        assertThat(names).as("message event %s", event).contains("event").containsAll(MESSAGE);
        names.remove("event");
        names.removeAll(MESSAGE);
        assertThat(MESSAGE_OPTIONAL).as("extra fields of message event %s", event).containsAll(names);
        assertThat(event.path("event").asText()).isEqualTo("message");
        assertMessageValues(event);
    }

    private static void assertMessageValues(JsonNode m) {
        assertThat(m.path("messageId").asText()).isNotBlank();
        assertThat(m.path("roomId").asText()).isNotBlank();
        assertThat(m.path("userId").asText()).isNotBlank();
        assertThat(m.path("content").isTextual()).isTrue();
        assertThat(m.path("messageType").asText()).isIn("TEXT", "IMAGE", "VOICE", "AI_RESPONSE");
        assertThat(m.path("createdAt").asText()).as("createdAt of %s", m).matches(Json.ISO_MILLIS);
    }

    /** {@code {"<items>": [...], "nextCursor": string or null, "hasMore": bool}}, hasMore iff a cursor. */
    public static void assertPage(JsonNode data, String itemsField) {
        assertThat(Json.fieldNames(data)).as("page %s", data).containsExactlyInAnyOrder(itemsField, "nextCursor", "hasMore");
        assertThat(data.path(itemsField).isArray()).isTrue();
        assertThat(data.path("hasMore").isBoolean()).isTrue();
        JsonNode cursor = data.path("nextCursor");
        assertThat(cursor.isNull() || cursor.isTextual()).as("nextCursor of %s", data).isTrue();
        assertThat(data.path("hasMore").booleanValue()).as("hasMore iff nextCursor in %s", data).isEqualTo(cursor.isTextual());
        if (cursor.isTextual()) {
            assertThat(cursor.textValue()).as("URL-safe cursor").matches("[A-Za-z0-9_.~-]+");
        }
    }
}
