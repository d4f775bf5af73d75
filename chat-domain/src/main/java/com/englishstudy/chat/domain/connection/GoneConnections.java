package com.englishstudy.chat.domain.connection;

/** Told by a {@link Broadcaster} when a delivery finds a connection gone. */
@FunctionalInterface
public interface GoneConnections {
    void gone(String connectionId);
}
