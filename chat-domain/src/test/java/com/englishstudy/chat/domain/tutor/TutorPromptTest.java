package com.englishstudy.chat.domain.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.room.Level;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TutorPromptTest {
    @Test
    void eachLevelHasItsOwnPromptAndCeiling() {
        assertThat(TutorPrompt.system(Level.BEGINNER)).contains("short, simple sentences");
        assertThat(TutorPrompt.system(Level.ADVANCED)).contains("naturally").doesNotContain("beginners");
        assertThat(TutorPrompt.maxTokens(Level.BEGINNER)).isLessThan(TutorPrompt.maxTokens(Level.ADVANCED));
    }

    @Test
    void imagesAndVoiceMessagesAreDescribedNotQuoted() {
        List<TutorPrompt.Turn> turns = TutorPrompt.turns(List.of(
                message("alice", "https://cdn.example/cat.png", MessageType.IMAGE),
                message("bob", "https://cdn.example/hello.webm", MessageType.VOICE)));

        assertThat(turns).containsExactly(new TutorPrompt.Turn(TutorPrompt.Role.USER,
                "alice: [shares an image]\nbob: [sends a voice message]"));
    }

    @Test
    void aCutReplyKeepsWholeSentencesOnly() {
        assertThat(TutorPrompt.wholeSentences("One. Two? Thr")).isEqualTo("One. Two?");
        assertThat(TutorPrompt.wholeSentences("No sentence ends here")).isEqualTo("No sentence ends here");
        assertThat(TutorPrompt.wholeSentences("Version 2.5 is out. And")).isEqualTo("Version 2.5 is out.");
    }

    private static ChatMessage message(String user, String content, MessageType type) {
        return ChatMessage.create("m", "r", user, content, type, Instant.now(), null);
    }
}
