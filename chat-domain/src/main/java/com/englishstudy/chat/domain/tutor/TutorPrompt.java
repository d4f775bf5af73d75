package com.englishstudy.chat.domain.tutor;

import com.englishstudy.chat.domain.common.UserIds;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tutor is told: a system prompt per level, and the room's recent messages as alternating turns.
 * Part of the domain because what fits a level is a rule of the product, the same whichever model answers;
 * every {@link Tutor} on a language model (Bedrock, an OpenAI-compatible server) builds its request from it.
 */
public final class TutorPrompt {
    /** Which side of the conversation a turn belongs to. */
    public enum Role { USER, ASSISTANT }

    /** One turn; consecutive messages of the same side are already merged into it. */
    public record Turn(Role role, String text) {}

    public static final String EMPTY_ROOM =
            "Nobody has written in the room yet. Open the conversation: greet the learners and ask one easy question.";
    public static final String EARLIER = "(The conversation so far.)";
    public static final String GO_ON = "(The learners ask the tutor to keep the conversation going.)";

    private static final String COMMON = """
            You are the AI tutor in a group chat room where people practise English conversation.
            Learners' messages reach you as "user-id: text"; your own earlier messages are yours.
            Write one chat message as the tutor, in English, without any name prefix.
            Respond to what was said last and ask one question that invites the learners to answer.
            If a learner made a clear mistake, show the correct form once, kindly and briefly, without a lecture.
            No markdown, no lists, no emoji.
            """;

    private TutorPrompt() {}

    public static String system(Level level) {
        return COMMON + switch (level) {
            case BEGINNER -> """
                    The learners are beginners. Use short, simple sentences and common everyday words.
                    Write two or three short sentences at most. Avoid idioms, slang and difficult grammar.
                    """;
            case INTERMEDIATE -> """
                    The learners are at an intermediate level. Use clear everyday English and an occasional
                    useful expression. Write two to four sentences.
                    """;
            case ADVANCED -> """
                    The learners are advanced. Speak naturally, as a fluent friend would, with idioms and varied
                    sentences where they fit. Write up to five sentences.
                    """;
        };
    }

    /** A ceiling on the reply's length; the prompt asks for less, so a reply rarely meets it. */
    public static int maxTokens(Level level) {
        return switch (level) {
            case BEGINNER -> 160;
            case INTERMEDIATE -> 240;
            case ADVANCED -> 320;
        };
    }

    /**
     * The messages as turns that start with a user turn, alternate, and end with a user turn, as chat APIs
     * (Bedrock Converse above all) require. The tutor's own replies are assistant turns; every other
     * message is a user turn prefixed with its author so the model knows who said what.
     */
    public static List<Turn> turns(List<ChatMessage> recentOldestFirst) {
        List<Turn> turns = new ArrayList<>();
        for (ChatMessage message : recentOldestFirst) {
            boolean tutor = UserIds.AI_TUTOR.equals(message.userId());
            add(turns, tutor ? Role.ASSISTANT : Role.USER, tutor ? message.content() : spoken(message));
        }
        if (turns.isEmpty()) {
            turns.add(new Turn(Role.USER, EMPTY_ROOM));
            return List.copyOf(turns);
        }
        if (turns.getFirst().role() == Role.ASSISTANT) turns.addFirst(new Turn(Role.USER, EARLIER));
        if (turns.getLast().role() == Role.ASSISTANT) turns.add(new Turn(Role.USER, GO_ON));
        return List.copyOf(turns);
    }

    /**
     * A reply that ran into the token ceiling stops mid-sentence; learners should not copy half a sentence, so
     * it is cut back to its last complete one. A reply with no complete sentence is kept as it is.
     */
    public static String wholeSentences(String text) {
        for (int i = text.length() - 1; i > 0; i--) {
            char c = text.charAt(i);
            boolean endsSentence = c == '.' || c == '!' || c == '?';
            if (endsSentence && (i == text.length() - 1 || Character.isWhitespace(text.charAt(i + 1)))) {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }

    private static String spoken(ChatMessage message) {
        String said = switch (message.messageType()) {
            // An image or voice message's content is a link the model cannot open; say what happened instead.
            case IMAGE -> "[shares an image]";
            case VOICE -> "[sends a voice message]";
            case TEXT, AI_RESPONSE -> message.content();
        };
        return message.userId() + ": " + said;
    }

    private static void add(List<Turn> turns, Role role, String text) {
        if (!turns.isEmpty() && turns.getLast().role() == role) {
            turns.set(turns.size() - 1, new Turn(role, turns.getLast().text() + "\n" + text));
        } else {
            turns.add(new Turn(role, text));
        }
    }
}
