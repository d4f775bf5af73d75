package com.englishstudy.chat.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Room tokens (SPEC 5, 6): a token opens one socket, once; an unknown, missing, used or expired token, or one
 * of a deleted room, is refused with 401 before the socket opens.
 */
public abstract class TokenContract extends ContractBase {

    @Test
    void aTokenOpensOneSocketOnce() {
        String roomId = api.newRoom(uid("host"));
        String token = api.token(roomId, uid("guest"));
        SocketClient socket = api.connect(token);
        socket.assertAnswersPing();
        assertThat(api.refusedUpgrade(token)).isEqualTo(401);
        socket.assertAnswersPing();
    }

    @Test
    void unknownOrMissingTokenIsA401() {
        assertThat(api.refusedUpgrade(uid("made-up-token"))).isEqualTo(401);
        assertThat(api.refusedUpgrade(java.util.UUID.randomUUID().toString())).isEqualTo(401);
        assertThat(api.refusedUpgrade(null)).isEqualTo(401);
        assertThat(api.refusedUpgrade("")).isEqualTo(401);
    }

    @Test
    void everyJoinGivesATokenOfItsOwn() {
        String roomId = api.newRoom(uid("host"));
        String guest = uid("guest");
        String first = api.token(roomId, guest);
        String second = api.token(roomId, guest);
        assertThat(second).isNotEqualTo(first);
        // Two tabs of one user.
        api.connect(first).assertAnswersPing();
        api.connect(second).assertAnswersPing();
    }

    @Test
    void aTokenOfADeletedRoomIsRefused() {
        String host = uid("host");
        String roomId = api.newRoom(host);
        String token = api.token(roomId, uid("guest"));
        api.deleteRoom(roomId, host).ok(200, "Room deleted");
        assertThat(api.refusedUpgrade(token)).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedEvenIfStorageStillHoldsIt() throws Exception {
        withServer(Map.of("ROOM_TOKEN_TTL_SECONDS", "1"), client -> {
            String roomId = client.newRoom(uid("host"));
            String guest = uid("guest");
            // Used at once, a token of this server works...
            client.connect(client.token(roomId, guest)).assertAnswersPing();
            // ...but not after its second has passed.
            long start = System.nanoTime();
            JsonNode joined = client.join(roomId, guest);
            long now = System.currentTimeMillis() / 1000;
            assertThat(joined.path("tokenExpiresAt").longValue()).isBetween(now - 1, now + 2);
            Duration left = Duration.ofMillis(2100).minusNanos(System.nanoTime() - start);
            if (!left.isNegative()) Thread.sleep(left.toMillis());
            assertThat(client.refusedUpgrade(joined.path("roomToken").asText())).isEqualTo(401);
        });
    }
}
