package com.englishstudy.chat.domain.fakes;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.tutor.Tutor;
import java.util.ArrayList;
import java.util.List;

/** Answers with a set reply, or fails when told to; remembers what it was asked. Thread-safe. */
public final class FakeTutor implements Tutor {
    public record Asked(Level level, List<ChatMessage> recentOldestFirst) {}

    private final List<Asked> asked = new ArrayList<>();
    private volatile String reply = "Great job! Try saying it another way.";
    private volatile RuntimeException failure;

    public void replyWith(String reply) {
        this.reply = reply;
        this.failure = null;
    }

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public void failAsTimeout() {
        failWith(new ChatException.ProviderFailed("The AI tutor did not answer in time", true, null));
    }

    public synchronized List<Asked> asked() {
        return List.copyOf(asked);
    }

    @Override
    public String reply(Level level, List<ChatMessage> recentOldestFirst) {
        synchronized (this) {
            asked.add(new Asked(level, List.copyOf(recentOldestFirst)));
        }
        if (failure != null) throw failure;
        return reply;
    }
}
