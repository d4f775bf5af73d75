package com.englishstudy.chat.ports.contract;

import java.net.URI;

/**
 * One running chat server as the contract suite sees it from outside: where its REST API and its WebSocket
 * endpoint are, and how to stop it. A runtime returns one from {@link ContractBase#start}.
 */
public interface ChatEndpoint extends AutoCloseable {

    /** The base of the REST API, ending in {@code /}: {@code http://127.0.0.1:8080/} or {@code http://host/stage/}. */
    URI http();

    /** The WebSocket endpoint without a query: {@code ws://127.0.0.1:8080/ws}; the suite adds {@code ?roomToken=}. */
    URI ws();

    /** Stops the server and frees its port; called once, after the last test that uses it. */
    @Override
    void close();

    static ChatEndpoint of(URI http, URI ws, Runnable stop) {
        if (!http.getPath().endsWith("/")) throw new IllegalArgumentException("http() must end with '/': " + http);
        return new ChatEndpoint() {
            @Override
            public URI http() {
                return http;
            }

            @Override
            public URI ws() {
                return ws;
            }

            @Override
            public void close() {
                stop.run();
            }

            @Override
            public String toString() {
                return http + " + " + ws;
            }
        };
    }
}
