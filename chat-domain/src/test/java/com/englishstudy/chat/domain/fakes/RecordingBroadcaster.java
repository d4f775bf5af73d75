package com.englishstudy.chat.domain.fakes;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import java.util.ArrayList;
import java.util.List;

/** Remembers every delivery and close, in the order they were asked for. Thread-safe. */
public final class RecordingBroadcaster implements Broadcaster {

    public sealed interface Sent {
        List<String> connectionIds();
    }

    public record Delivered(List<String> connectionIds, RoomEvent event) implements Sent {}

    public record Closed(List<String> connectionIds) implements Sent {}

    private final List<Sent> log = new ArrayList<>();

    @Override
    public synchronized void deliver(List<Connection> targets, RoomEvent event) {
        log.add(new Delivered(idsOf(targets), event));
    }

    @Override
    public synchronized void close(List<Connection> targets) {
        log.add(new Closed(idsOf(targets)));
    }

    /** Everything sent so far, oldest first. */
    public synchronized List<Sent> log() {
        return List.copyOf(log);
    }

    /** Every event delivered to the connection, oldest first. */
    public synchronized List<RoomEvent> eventsTo(String connectionId) {
        return log.stream()
                .filter(s -> s instanceof Delivered && s.connectionIds().contains(connectionId))
                .map(s -> ((Delivered) s).event())
                .toList();
    }

    /** Every event delivered to anyone, oldest first. */
    public synchronized List<RoomEvent> events() {
        return log.stream().filter(Delivered.class::isInstance).map(s -> ((Delivered) s).event()).toList();
    }

    /** What the connection was sent or had done to it, oldest first: events, and "closed". */
    public synchronized List<Object> historyOf(String connectionId) {
        List<Object> history = new ArrayList<>();
        for (Sent s : log) {
            if (!s.connectionIds().contains(connectionId)) continue;
            history.add(s instanceof Delivered d ? d.event() : "closed");
        }
        return history;
    }

    public synchronized boolean wasClosed(String connectionId) {
        return log.stream().anyMatch(s -> s instanceof Closed && s.connectionIds().contains(connectionId));
    }

    public synchronized void clear() {
        log.clear();
    }

    private static List<String> idsOf(List<Connection> targets) {
        return targets.stream().map(Connection::connectionId).toList();
    }
}
