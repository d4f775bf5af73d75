package com.englishstudy.chat.domain.fakes;

import com.englishstudy.chat.domain.voice.Speech;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import com.englishstudy.chat.domain.voice.Voice;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes fake audio of a set type, counting calls. Can be held inside {@link #synthesize} until released,
 * so a test can make a second request arrive while the first is still being read aloud.
 */
public final class FakeSpeech implements SpeechSynthesizer {
    private final AtomicInteger calls = new AtomicInteger();
    private final String contentType;
    private volatile RuntimeException failure;
    private volatile CountDownLatch hold;
    private final CountDownLatch entered = new CountDownLatch(1);

    public FakeSpeech(String contentType) {
        this.contentType = contentType;
    }

    public int calls() {
        return calls.get();
    }

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** From now on, calls wait inside synthesize until {@link #release()}. */
    public void holdCalls() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    /** Waits until some call has entered synthesize. */
    public boolean awaitEntered(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public Speech synthesize(String text, Voice voice) {
        calls.incrementAndGet();
        entered.countDown();
        CountDownLatch h = hold;
        if (h != null) {
            try {
                if (!h.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure != null) throw failure;
        return new Speech((voice.wire() + ":" + text).getBytes(StandardCharsets.UTF_8), contentType);
    }
}
