package com.englishstudy.chat.domain.message;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps one room's messages in order: they are stored one at a time, and delivered in the order they were
 * stored. Only storing happens under the room's lock; deliveries are queued under it and run after it is
 * released, by whichever caller finds the queue free, so a send never waits for another send's fan-out.
 *
 * <p>Rooms share a fixed set of lanes (a lock and a delivery queue each) by hash: memory stays flat however
 * many rooms there are, at the price of two rooms now and then sharing a lane. ReentrantLock rather than
 * synchronized, so a waiting virtual thread does not pin its carrier.
 */
public final class RoomSequencer {
    private static final System.Logger LOG = System.getLogger(RoomSequencer.class.getName());

    private final Lane[] lanes;

    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentLinkedQueue<Runnable> deliveries = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    public RoomSequencer(int lanes) {
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) this.lanes[i] = new Lane();
    }

    /**
     * Runs {@code step} under the room's lock. What the step hands to its argument (a delivery) runs after the
     * lock is released, after every delivery handed over before it in this room; usually by this caller, before
     * this method returns, but by a concurrent caller if one is already delivering for the room's lane.
     */
    public <T> T inOrder(String roomId, Function<Consumer<Runnable>, T> step) {
        Lane lane = lanes[Math.floorMod(roomId.hashCode(), lanes.length)];
        T result;
        lane.lock.lock();
        try {
            result = step.apply(lane.deliveries::add);
        } finally {
            lane.lock.unlock();
        }
        drain(lane);
        return result;
    }

    private static void drain(Lane lane) {
        // Re-checked after letting go: a delivery queued while we were finishing is not left behind.
        while (!lane.deliveries.isEmpty() && lane.draining.compareAndSet(false, true)) {
            try {
                Runnable next;
                while ((next = lane.deliveries.poll()) != null) {
                    try {
                        next.run();
                    } catch (RuntimeException e) {
                        // The message is stored; a failed fan-out must not stop the room's later deliveries.
                        LOG.log(System.Logger.Level.WARNING, "A delivery failed", e);
                    }
                }
            } finally {
                lane.draining.set(false);
            }
        }
    }
}
