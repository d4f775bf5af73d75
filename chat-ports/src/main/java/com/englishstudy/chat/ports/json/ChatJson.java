package com.englishstudy.chat.ports.json;

import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.JoinedRoom;
import com.englishstudy.chat.domain.room.LeftRoom;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.voice.VoiceReady;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes every JSON document the chat sends, field by field in the contract's order, straight to a
 * generator: the same bytes from every runtime, and no reflection on the broadcast path.
 * A password hash has no writer here, so it cannot leak.
 */
public final class ChatJson {
    private static final JsonFactory FACTORY = factory();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ChatJson() {}

    /**
     * A factory whose parsers and generators share their buffers through one pool. Jackson's default pool is
     * per thread, and every socket frame here runs on a new virtual thread, so that pool never handed a buffer
     * back: each frame allocated about 12 KB of fresh ones, two thirds of all the server allocated.
     */
    static JsonFactory factory() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build();
    }

    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    public static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String success(String message, Body data) {
        return write(g -> {
            g.writeStartObject();
            g.writeBooleanField("success", true);
            g.writeStringField("message", message);
            g.writeFieldName("data");
            if (data == null) g.writeNull();
            else data.write(g);
            g.writeEndObject();
        });
    }

    public static String failure(String error) {
        return write(g -> {
            g.writeStartObject();
            g.writeBooleanField("success", false);
            g.writeStringField("error", error);
            g.writeEndObject();
        });
    }

    public static String time(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    public static void roomDetail(JsonGenerator g, Room room) throws IOException {
        g.writeStartObject();
        g.writeStringField("roomId", room.roomId());
        g.writeStringField("name", room.name());
        g.writeStringField("description", room.description());
        g.writeStringField("level", room.level().wire());
        g.writeNumberField("currentMembers", room.currentMembers());
        g.writeNumberField("maxMembers", room.maxMembers());
        g.writeBooleanField("isPrivate", room.isPrivate());
        g.writeStringField("status", room.status().wire());
        g.writeStringField("createdBy", room.createdBy());
        g.writeArrayFieldStart("memberIds");
        for (String member : room.memberIds()) g.writeString(member);
        g.writeEndArray();
        g.writeStringField("createdAt", time(room.createdAt()));
        g.writeStringField("lastMessageAt", time(room.lastMessageAt()));
        g.writeEndObject();
    }

    public static void roomSummary(JsonGenerator g, Room room) throws IOException {
        g.writeStartObject();
        g.writeStringField("roomId", room.roomId());
        g.writeStringField("name", room.name());
        g.writeStringField("level", room.level().wire());
        g.writeNumberField("currentMembers", room.currentMembers());
        g.writeNumberField("maxMembers", room.maxMembers());
        g.writeBooleanField("isPrivate", room.isPrivate());
        g.writeStringField("status", room.status().wire());
        g.writeStringField("createdAt", time(room.createdAt()));
        g.writeStringField("lastMessageAt", time(room.lastMessageAt()));
        g.writeEndObject();
    }

    public static void message(JsonGenerator g, ChatMessage m) throws IOException {
        g.writeStartObject();
        messageFields(g, m);
        g.writeEndObject();
    }

    private static void messageFields(JsonGenerator g, ChatMessage m) throws IOException {
        g.writeStringField("messageId", m.messageId());
        g.writeStringField("roomId", m.roomId());
        g.writeStringField("userId", m.userId());
        g.writeStringField("content", m.content());
        g.writeStringField("messageType", m.messageType().name());
        g.writeStringField("createdAt", time(m.createdAt()));
        if (m.clientMessageId() != null) g.writeStringField("clientMessageId", m.clientMessageId());
        if (m.maleVoiceKey() != null) g.writeStringField("maleVoiceKey", m.maleVoiceKey());
        if (m.femaleVoiceKey() != null) g.writeStringField("femaleVoiceKey", m.femaleVoiceKey());
    }

    public static void page(JsonGenerator g, String itemsField, List<?> items, ItemWriter writer, String nextCursor)
            throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart(itemsField);
        for (Object item : items) writer.write(g, item);
        g.writeEndArray();
        g.writeStringField("nextCursor", nextCursor);
        g.writeBooleanField("hasMore", nextCursor != null);
        g.writeEndObject();
    }

    @FunctionalInterface
    public interface ItemWriter {
        void write(JsonGenerator g, Object item) throws IOException;
    }

    public static void joined(JsonGenerator g, JoinedRoom joined) throws IOException {
        g.writeStartObject();
        g.writeFieldName("room");
        roomDetail(g, joined.room());
        g.writeStringField("roomToken", joined.token().token());
        g.writeNumberField("tokenExpiresAt", joined.token().expiresAt().getEpochSecond());
        g.writeEndObject();
    }

    public static void left(JsonGenerator g, LeftRoom left) throws IOException {
        g.writeStartObject();
        g.writeStringField("roomId", left.roomId());
        g.writeNumberField("currentMembers", left.currentMembers());
        g.writeBooleanField("roomDeleted", left.roomDeleted());
        g.writeEndObject();
    }

    public static void voiceReady(JsonGenerator g, VoiceReady ready) throws IOException {
        g.writeStartObject();
        g.writeStringField("messageId", ready.messageId());
        g.writeStringField("voice", ready.voice().wire());
        g.writeStringField("audioUrl", ready.audioUrl().toString());
        g.writeStringField("contentType", ready.contentType());
        g.writeBooleanField("cached", ready.cached());
        g.writeEndObject();
    }

    /** The WebSocket frame for an event; encoded once per event, whatever the number of receivers. */
    public static String event(RoomEvent event) {
        return write(g -> {
            g.writeStartObject();
            switch (event) {
                case RoomEvent.MessagePosted posted -> {
                    g.writeStringField("event", "message");
                    messageFields(g, posted.message());
                }
                case RoomEvent.PresenceChanged presence -> {
                    g.writeStringField("event", "presence");
                    g.writeStringField("roomId", presence.roomId());
                    g.writeStringField("userId", presence.userId());
                    g.writeStringField("status", presence.status().wire());
                    g.writeNumberField("currentMembers", presence.currentMembers());
                }
                case RoomEvent.RoomDeleted deleted -> {
                    g.writeStringField("event", "room_deleted");
                    g.writeStringField("roomId", deleted.roomId());
                }
            }
            g.writeEndObject();
        });
    }

    public static String errorEvent(int status, String error) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("event", "error");
            g.writeNumberField("status", status);
            g.writeStringField("error", error);
            g.writeEndObject();
        });
    }

    public static final String PONG = "{\"event\":\"pong\"}";
}
