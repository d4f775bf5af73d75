package com.englishstudy.chat.domain.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs tasks on their own threads, released together by one start gate so they really race. Waits are bounded
 * generously, because a kit subclass may talk to a slow remote engine; a hung implementation fails the test
 * instead of hanging the build.
 */
public final class Concurrently {
    /** How long all the tasks of one race may take together. */
    public static final long TIMEOUT_SECONDS = 60;

    private Concurrently() {}

    /** Runs {@code task(i)} for i in 0..threads-1, each on its own thread, and returns the results in i order. */
    public static <T> List<T> run(int threads, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("start gate never opened");
                    return task.apply(index);
                };
                futures.add(pool.submit(call));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) throw new AssertionError("threads did not start in time");
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            List<T> results = new ArrayList<>(threads);
            for (Future<T> future : futures) {
                long left = Math.max(1, deadline - System.nanoTime());
                results.add(future.get(left, TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError("concurrent run failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
