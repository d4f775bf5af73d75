package com.englishstudy.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientKeyHashTest {
    /** The reference key of the SipHash paper: bytes 00..0f. */
    private final ClientKeyHash reference = new ClientKeyHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    @Test
    void matchesSipHash24sTestVectors() {
        // Inputs 00..07 and 00..05 of the paper's vectors, as little-endian UTF-16 code units.
        assertThat(reference.sipHash("\u0100\u0302", '\u0504', "\u0706")).isEqualTo(0x93f5f5799a932462L);
        assertThat(reference.sipHash("\u0100", '\u0302', "\u0504")).isEqualTo(0xcbc9466e58fee3ceL);
    }

    @Test
    void keysThatShareAStringHashCodeDoNotShareAKeyedHash() {
        ClientKeyHash keys = ClientKeyHash.random();
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode());
        assertThat(keys.of("alice", "AaAa")).isNotEqualTo(keys.of("alice", "BBBB"));
        // The user is part of the key, and the boundary between the parts counts.
        assertThat(keys.of("alice", "x")).isNotEqualTo(keys.of("bob", "x"));
        assertThat(keys.of("ab", "c")).isNotEqualTo(keys.of("a", "bc"));
    }
}
