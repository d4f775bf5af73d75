package com.englishstudy.chat.domain.connection;

import java.util.List;

/**
 * Pushes events to open connections. Implementations encode an event once, however many receive it, and
 * never let one slow or dead receiver hold up the others. A receiver found gone is reported to the
 * {@link GoneConnections} the implementation was built with, which removes exactly that connection.
 */
public interface Broadcaster {
    /** Sends the event to every target, in the order calls are made for one room. */
    void deliver(List<Connection> targets, RoomEvent event);

    /** Closes the targets' sockets (after any events already sent to them). */
    void close(List<Connection> targets);
}
