package com.englishstudy.chat.domain.connection;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per connection: {@code perSecond} tokens flow in, at most {@code burst} are kept.
 * Kept in the memory of the process that serves the connection.
 */
public final class RateLimiter {
    private final double perNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
    }

    /** Takes one token for the connection; false when none is left. */
    public boolean tryAcquire(String connectionId, long nowNanos) {
        Bucket bucket = buckets.computeIfAbsent(connectionId, id -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            double refilled = Math.min(burst, bucket.tokens + (nowNanos - bucket.updatedNanos) * perNano);
            bucket.updatedNanos = nowNanos;
            if (refilled >= 1) {
                bucket.tokens = refilled - 1;
                return true;
            }
            bucket.tokens = refilled;
            return false;
        }
    }

    public void forget(String connectionId) {
        buckets.remove(connectionId);
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }
}
