package com.englishstudy.chat.domain.message;

import java.security.SecureRandom;

/**
 * The hash of an idempotency key (userId, clientMessageId): SipHash-2-4 under a random key of the process.
 * Clients choose their clientMessageIds, and String.hashCode collisions are easy to make ("Aa" and "BB"), so a
 * client could otherwise pile thousands of keys onto one slot of a room's index and make every later save in
 * that room walk them all. Without the key, colliding keys cannot be chosen.
 */
final class ClientKeyHash {
    /** Between the two parts: user ids are letters, digits and {@code _-.@}, so this char never occurs in one. */
    private static final char SEPARATOR = '\uffff';

    private final long k0;
    private final long k1;

    ClientKeyHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    static ClientKeyHash random() {
        SecureRandom random = new SecureRandom();
        return new ClientKeyHash(random.nextLong(), random.nextLong());
    }

    int of(String userId, String clientMessageId) {
        long h = sipHash(userId, SEPARATOR, clientMessageId);
        return (int) (h ^ (h >>> 32));
    }

    /** SipHash-2-4 of the UTF-16 code units of {@code a}, {@code separator} and {@code b}, little-endian. */
    long sipHash(String a, char separator, String b) {
        State s = new State(k0, k1);
        int chars = a.length() + 1 + b.length();
        long word = 0;
        for (int i = 0; i < chars; i++) {
            char c = i < a.length() ? a.charAt(i) : i == a.length() ? separator : b.charAt(i - a.length() - 1);
            word |= (long) c << ((i & 3) << 4);
            if ((i & 3) == 3) {
                s.compress(word);
                word = 0;
            }
        }
        s.compress(((long) (2 * chars) & 0xff) << 56 | word);
        s.v2 ^= 0xff;
        s.rounds(4);
        return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
    }

    private static final class State {
        long v0;
        long v1;
        long v2;
        long v3;

        State(long k0, long k1) {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
        }

        void compress(long word) {
            v3 ^= word;
            rounds(2);
            v0 ^= word;
        }

        void rounds(int n) {
            for (int r = 0; r < n; r++) {
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13);
                v1 ^= v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16);
                v3 ^= v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21);
                v3 ^= v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17);
                v1 ^= v2;
                v2 = Long.rotateLeft(v2, 32);
            }
        }
    }
}
