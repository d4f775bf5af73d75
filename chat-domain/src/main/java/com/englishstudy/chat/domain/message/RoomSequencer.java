package com.englishstudy.chat.domain.message;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs one room's store-and-broadcast steps one at a time, so every connection of a room sees messages in
 * the order they were stored. Rooms share a fixed set of locks by hash: memory stays flat however many
 * rooms there are, at the price of two rooms now and then waiting on each other for a moment.
 * ReentrantLock rather than synchronized, so a waiting virtual thread does not pin its carrier.
 */
public final class RoomSequencer {
    private final ReentrantLock[] stripes;

    public RoomSequencer(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) this.stripes[i] = new ReentrantLock();
    }

    public <T> T inOrder(String roomId, Supplier<T> step) {
        ReentrantLock lock = stripes[Math.floorMod(roomId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return step.get();
        } finally {
            lock.unlock();
        }
    }
}
