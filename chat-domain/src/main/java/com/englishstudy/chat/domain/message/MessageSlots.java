package com.englishstudy.chat.domain.message;

import java.util.Arrays;

/**
 * An index from a key's hash to the messages stored under it, as {@link RoomLog#ref refs} (room number and
 * sequence number in one long); several may share a hash, so the caller checks each candidate against the message
 * itself. Open addressing with linear probing over two arrays of numbers: an entry is no object of its own and
 * holds no reference, so adding one marks no card for the collector to scan. Not thread-safe.
 */
final class MessageSlots {
    /** Marks a free slot; no ref is negative, since room and sequence numbers are not. */
    private static final long FREE = -1;
    private static final long[] NONE = {};

    private int[] hashes;
    private long[] refs;
    private int size;
    /** log2 of the capacity. */
    private int bits;

    MessageSlots() {
        allocate(3);
    }

    void add(int hash, long ref) {
        // Kept at most half full, so probe runs stay short.
        if ((size + 1) * 2 > refs.length) grow();
        int i = home(hash);
        while (refs[i] != FREE) i = next(i);
        hashes[i] = hash;
        refs[i] = ref;
        size++;
    }

    /** The refs added under {@code hash}: usually none or one. */
    long[] refsOf(int hash) {
        int count = 0;
        for (int i = home(hash); refs[i] != FREE; i = next(i)) {
            if (hashes[i] == hash) count++;
        }
        if (count == 0) return NONE;
        long[] found = new long[count];
        int n = 0;
        for (int i = home(hash); n < count; i = next(i)) {
            if (hashes[i] == hash) found[n++] = refs[i];
        }
        return found;
    }

    /** Removes the entry (hash, ref) if present. */
    void remove(int hash, long ref) {
        for (int i = home(hash); refs[i] != FREE; i = next(i)) {
            if (hashes[i] == hash && refs[i] == ref) {
                deleteAt(i);
                size--;
                return;
            }
        }
    }

    /** Backward-shift deletion: moves later entries of the probe run into the hole, so no tombstones pile up. */
    private void deleteAt(int hole) {
        int j = hole;
        while (true) {
            j = next(j);
            if (refs[j] == FREE) break;
            int home = home(hashes[j]);
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeBetween = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!homeBetween) {
                hashes[hole] = hashes[j];
                refs[hole] = refs[j];
                hole = j;
            }
        }
        refs[hole] = FREE;
    }

    private int home(int hash) {
        return (hash * 0x9E3779B9) >>> (32 - bits);
    }

    private int next(int i) {
        return (i + 1) & (refs.length - 1);
    }

    private void grow() {
        int[] oldHashes = hashes;
        long[] oldRefs = refs;
        allocate(bits + 1);
        size = 0;
        for (int i = 0; i < oldRefs.length; i++) {
            if (oldRefs[i] != FREE) add(oldHashes[i], oldRefs[i]);
        }
    }

    private void allocate(int bits) {
        this.bits = bits;
        hashes = new int[1 << bits];
        refs = new long[1 << bits];
        Arrays.fill(refs, FREE);
    }
}
