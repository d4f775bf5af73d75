package com.englishstudy.chat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Receivers that stop reading: a plain socket with a small receive buffer does the WebSocket handshake and
 * then never reads again, like a phone that went into a tunnel. The server's writes to it back up; the rest
 * of its room must not notice.
 */
final class Stalled implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();

    void open(String wsUrl, String token) throws IOException {
        URI uri = URI.create(wsUrl);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect, so the window stays small
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        socket.setSoTimeout(5000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + uri.getPath() + "?roomToken=" + token + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        // Read the answer's head byte by byte, so no frame after it is taken off the socket.
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed during the handshake: " + head);
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + head.toString().lines().findFirst().orElse(""));
        }
        sockets.add(socket);
    }

    int size() {
        return sockets.size();
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
