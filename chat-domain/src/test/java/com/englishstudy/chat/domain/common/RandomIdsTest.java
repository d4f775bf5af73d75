package com.englishstudy.chat.domain.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
    private final RandomIds ids = new RandomIds();

    @Test
    void messageIdsMadeInOneProcessSortInTheOrderTheyWereMade() {
        // More than 4096 in a row, so the per-millisecond counter is bound to overflow at least once.
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) made.add(ids.newMessageId());

        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(UUID.fromString(made.get(0)).version()).isEqualTo(7);
    }

    @Test
    void messageIdsStartWithTheCurrentMillisecond() {
        long before = System.currentTimeMillis();
        String id = ids.newMessageId();
        long after = System.currentTimeMillis();

        long millis = UUID.fromString(id).getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after + 1);
    }

    @Test
    void roomIdsAndTokensAreRandomUuids() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1_000; i++) {
            String token = ids.newRoomToken();
            assertThat(UUID.fromString(token).version()).isEqualTo(4);
            assertThat(seen.add(token)).isTrue();
            assertThat(seen.add(ids.newRoomId())).isTrue();
        }
    }
}
