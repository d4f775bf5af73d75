package com.englishstudy.chat.local.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.common.UserIds;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.room.Level;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OfflineTutorTest {
    private final OfflineTutor tutor = new OfflineTutor();

    @ParameterizedTest
    @EnumSource(Level.class)
    void inAnEmptyRoomItOpensWithAQuestionAndSaysItIsTheOfflineTutor(Level level) {
        String reply = tutor.reply(level, List.of());

        assertThat(reply).startsWith("(Offline tutor) ").containsIgnoringCase("offline tutor").endsWith("?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "i am agree with you.                 | \"I agree\"",
            "I'm agree with that.                 | \"I agree\"",
            "She is agree with me.                | \"She agrees\"",
            "He go to school by bus.              | \"He goes\"",
            "My sister have two cats. She have a dog too. | \"She has\"",
            "it don't matter.                     | \"it doesn't\"",
            "Summer is more better than winter.   | \"better\"",
            "I didn't went to the party.          | \"didn't go\"",
            "Can you give me some informations?   | \"information\"",
            "yesterday i watched a movie.         | \"I\"",
            "I like football                      | \".\"",
            "Where do you live                    | \"?\""})
    void itCorrectsTheCommonMistake(String message, String correctForm) {
        String reply = tutor.reply(Level.BEGINNER, List.of(said("mina", message)));

        assertThat(reply).startsWith("(Offline tutor) Good try, mina!").contains(correctForm);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Did he go home early?",
            "Can she play the piano?",
            "Let it go.",
            "I think he goes there every day.",
            "This one is much better."})
    void itLeavesCorrectEnglishAlone(String message) {
        String reply = tutor.reply(Level.INTERMEDIATE, List.of(said("mina", message)));

        assertThat(reply).doesNotContain("fix").doesNotContain("instead of");
    }

    @Test
    void beginnersGetOneShortCorrectionAndAdvancedLearnersAFullerOne() {
        List<ChatMessage> recent = List.of(said("joon", "i am agree, he go there every weekend"));

        String beginner = tutor.reply(Level.BEGINNER, recent);
        String intermediate = tutor.reply(Level.INTERMEDIATE, recent);
        String advanced = tutor.reply(Level.ADVANCED, recent);

        assertThat(beginner).isEqualTo("(Offline tutor) Good try, joon! Say \"I agree\", not \"i am agree\"."
                + " You said \"weekend\". Can you tell me more?");
        assertThat(intermediate).contains("\"I agree\" instead of \"i am agree\"")
                .contains("Also, \"he goes\" instead of \"he go\"");
        assertThat(advanced).contains("since \"agree\" is a verb").contains("And one more: \"he goes\"");
        assertThat(words(beginner)).isLessThan(words(intermediate));
        assertThat(words(intermediate)).isLessThan(words(advanced));
        assertThat(words(beginner)).isLessThanOrEqualTo(25);
    }

    @Test
    void aCorrectMessageGetsAFollowUpQuestionAboutItsTopic() {
        String reply = tutor.reply(Level.BEGINNER, List.of(said("alice", "I went to Busan with my family.")));

        assertThat(reply).isEqualTo("(Offline tutor) Nice, alice! You said \"Busan\". Can you tell me more?");
    }

    @Test
    void aQuestionIsTurnedBackToTheRoom() {
        assertThat(tutor.reply(Level.INTERMEDIATE, List.of(said("alice", "What is your favourite season?"))))
                .isEqualTo("(Offline tutor) Thanks for sharing, alice. Good question. What do the others think?");
    }

    @Test
    void itAnswersTheLatestMessageAndTheSameConversationAlwaysGetsTheSameReply() {
        List<ChatMessage> recent = List.of(said("alice", "he go home."), said("bob", "I love cooking pasta."));

        String first = tutor.reply(Level.ADVANCED, recent);

        assertThat(first).contains("bob").contains("cooking").doesNotContain("goes");
        assertThat(new OfflineTutor().reply(Level.ADVANCED, recent)).isEqualTo(first);
    }

    @Test
    void whenTheTutorSpokeLastItMovesOnToANewTopic() {
        List<ChatMessage> recent = List.of(said("alice", "I like tea."), tutorSaid("(Offline tutor) Nice, alice!"));

        String reply = tutor.reply(Level.BEGINNER, recent);

        assertThat(reply).startsWith("(Offline tutor) Now a new question.").endsWith("?");
    }

    @Test
    void imagesAndVoiceMessagesGetTheirOwnInvitation() {
        assertThat(tutor.reply(Level.BEGINNER, List.of(sent("alice", "https://x/cat.png", MessageType.IMAGE))))
                .isEqualTo("(Offline tutor) Nice picture, alice! What is in it?");
        assertThat(tutor.reply(Level.ADVANCED, List.of(sent("alice", "https://x/a.webm", MessageType.VOICE))))
                .contains("voice note");
    }

    @Test
    void aMessageWithoutAnyTopicWordStillGetsAQuestion() {
        assertThat(tutor.reply(Level.BEGINNER, List.of(said("alice", "ok."))))
                .startsWith("(Offline tutor) Nice, alice! ").endsWith("?");
    }

    private static int words(String text) {
        return text.split("\\s+").length;
    }

    private static ChatMessage said(String user, String content) {
        return sent(user, content, MessageType.TEXT);
    }

    private static ChatMessage sent(String user, String content, MessageType type) {
        return ChatMessage.create("m-" + content.hashCode(), "room-1", user, content, type, Instant.now(), null);
    }

    private static ChatMessage tutorSaid(String content) {
        return ChatMessage.create("t-" + content.hashCode(), "room-1", UserIds.AI_TUTOR, content,
                MessageType.AI_RESPONSE, Instant.now(), null);
    }
}
