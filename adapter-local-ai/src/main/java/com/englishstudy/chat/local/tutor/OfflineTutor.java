package com.englishstudy.chat.local.tutor;

import com.englishstudy.chat.domain.common.UserIds;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.tutor.Tutor;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tutor without any model, so a laptop can play the whole chat offline. It answers the latest learner message
 * with at most one or two gentle corrections and a follow-up question, worded for the room's level, and says
 * that it is the offline tutor. The same conversation always gets the same reply.
 */
public final class OfflineTutor implements Tutor {
    static final String SIGN = "(Offline tutor) ";

    private static final Set<String> COMMON_WORDS = Set.of(
            "about", "after", "again", "also", "always", "because", "been", "before", "being", "could", "doesn't",
            "don't", "every", "everyone", "from", "going", "have", "here", "just", "know", "like", "live", "lives",
            "make", "many", "maybe", "more", "much", "never", "other", "really", "should", "some", "something",
            "sometimes", "that", "their", "them", "then", "there", "these", "they", "thing", "things", "think",
            "this", "those", "very", "want", "went", "were", "what", "when", "where", "which", "while", "with",
            "would", "your", "yours", "today", "yesterday", "tomorrow", "hello", "thanks", "thank", "agree",
            "disagree", "better", "people", "good", "great", "nice", "okay", "yeah", "will", "did", "does", "doing");

    private static final List<String> BEGINNER_TOPICS = List.of(
            "What did you eat today?", "What do you like to do on weekends?", "Do you have a pet?",
            "What is your favourite colour?", "Where do you live?");
    private static final List<String> INTERMEDIATE_TOPICS = List.of(
            "What did you do last weekend?", "What kind of music do you listen to when you work?",
            "Which city would you like to visit next, and why?", "What's a hobby you'd like to try?",
            "What was the last film you watched?");
    private static final List<String> ADVANCED_TOPICS = List.of(
            "If you could live anywhere in the world for a year, where would you go and why?",
            "What's a habit you picked up recently that actually stuck?",
            "Do you think remote work is here to stay, or will offices make a comeback?",
            "What's a book or film that changed the way you see something?",
            "Which skill do you wish schools taught properly?");

    @Override
    public String reply(Level level, List<ChatMessage> recentOldestFirst) {
        if (recentOldestFirst.isEmpty()) return SIGN + opening(level);
        ChatMessage last = recentOldestFirst.getLast();
        // The tutor spoke last and was asked again: move the conversation on rather than repeat itself.
        if (UserIds.AI_TUTOR.equals(last.userId())) return SIGN + newTopic(level, recentOldestFirst.size());
        return SIGN + switch (last.messageType()) {
            case IMAGE -> imageReply(level, last.userId());
            case VOICE -> voiceReply(level, last.userId());
            case TEXT, AI_RESPONSE -> textReply(level, last.userId(), last.content());
        };
    }

    private static String opening(Level level) {
        return switch (level) {
            case BEGINNER -> "Hello! I am the offline tutor. What is your name? Where are you from?";
            case INTERMEDIATE -> "Hi everyone! I'm the offline tutor. What did you do last weekend?";
            case ADVANCED -> "Hi all, I'm the offline tutor. " + ADVANCED_TOPICS.getFirst();
        };
    }

    private static String newTopic(Level level, int seed) {
        List<String> topics = topics(level);
        String topic = topics.get(Math.floorMod(seed, topics.size()));
        return switch (level) {
            case BEGINNER -> "Now a new question. " + topic;
            case INTERMEDIATE -> "Let's try a new topic. " + topic;
            case ADVANCED -> "Here's something else to chew on. " + topic;
        };
    }

    private static String imageReply(Level level, String user) {
        return switch (level) {
            case BEGINNER -> "Nice picture, " + user + "! What is in it?";
            case INTERMEDIATE -> "Thanks for the picture, " + user + ". Can you describe it in a few sentences?";
            case ADVANCED -> "Great shot, " + user + ". What's the story behind it?";
        };
    }

    private static String voiceReply(Level level, String user) {
        return switch (level) {
            case BEGINNER -> "Thank you, " + user + "! Can you write it too?";
            case INTERMEDIATE -> "Thanks for the voice message, " + user + ". Could you also type what you said?";
            case ADVANCED -> "Thanks for the voice note, " + user + ". Mind typing out the gist so everyone can join in?";
        };
    }

    private static String textReply(Level level, String user, String text) {
        List<Correction> corrections = Corrections.in(text);
        int shown = level == Level.BEGINNER ? 1 : 2;
        StringBuilder reply = new StringBuilder(greeting(level, user, !corrections.isEmpty()));
        for (int i = 0; i < Math.min(shown, corrections.size()); i++) {
            reply.append(' ').append(correct(level, corrections.get(i), i > 0));
        }
        return reply.append(' ').append(followUp(level, text)).toString();
    }

    private static String greeting(Level level, String user, boolean correcting) {
        return switch (level) {
            case BEGINNER -> correcting ? "Good try, " + user + "!" : "Nice, " + user + "!";
            case INTERMEDIATE -> correcting ? "Thanks, " + user + "." : "Thanks for sharing, " + user + ".";
            case ADVANCED -> correcting ? "Good point, " + user + "." : "Interesting, " + user + ".";
        };
    }

    private static String correct(Level level, Correction c, boolean another) {
        if (c.wrong() == null) {
            boolean question = "?".equals(c.right());
            return switch (level) {
                case BEGINNER -> question ? "End a question with \"?\"." : "End a sentence with \".\".";
                case INTERMEDIATE -> question ? "Don't forget the question mark at the end."
                        : "Don't forget the full stop at the end.";
                case ADVANCED -> "A small thing: " + c.why() + ".";
            };
        }
        return switch (level) {
            case BEGINNER -> "Say \"" + c.right() + "\", not \"" + c.wrong() + "\".";
            case INTERMEDIATE -> (another ? "Also, " : "A small fix: ") + "\"" + c.right() + "\" instead of \"" + c.wrong() + "\", because "
                    + c.why() + ".";
            case ADVANCED -> (another ? "And one more: " : "Just one note: ") + "\"" + c.right() + "\" sounds natural rather than \"" + c.wrong()
                    + "\", since " + c.why() + ".";
        };
    }

    private static String followUp(Level level, String text) {
        if (Corrections.isQuestion(text)) {
            return switch (level) {
                case BEGINNER -> "Good question! What do you think?";
                case INTERMEDIATE -> "Good question. What do the others think?";
                case ADVANCED -> "That's a great question, and I'm curious what everyone else makes of it. What's your own take?";
            };
        }
        String topic = topicWord(text);
        if (topic == null) return topics(level).get(Math.floorMod(text.hashCode(), topics(level).size()));
        return switch (level) {
            // Quoting the word keeps the sentence grammatical whatever it is: "weekend", "Busan", "friends".
            case BEGINNER -> "You said \"" + topic + "\". Can you tell me more?";
            case INTERMEDIATE -> "You mentioned \"" + topic + "\". What else can you tell us about it?";
            case ADVANCED -> "You mentioned \"" + topic + "\", and I'd love to hear more. What's the story there?";
        };
    }

    /**
     * What the message is about, by a rule of thumb: a capitalised word inside the sentence, probably a name
     * ("Busan", "Netflix"), else the longest uncommon word, lower-cased.
     */
    private static String topicWord(String text) {
        List<String> words = Corrections.words(text);
        String longest = null;
        String name = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String lower = w.toLowerCase(Locale.ROOT);
            // Past-tense verbs ("watched") make poor topics; the things around them are better.
            if (w.length() < 3 || w.contains("'") || COMMON_WORDS.contains(lower) || lower.endsWith("ed")) continue;
            boolean capitalised = i > 0 && Character.isUpperCase(w.charAt(0)) && !w.equals("I");
            if (capitalised && (name == null || w.length() > name.length())) name = w;
            if (w.length() >= 4 && (longest == null || w.length() > longest.length())) longest = w;
        }
        if (name != null) return name;
        return longest == null ? null : longest.toLowerCase(Locale.ROOT);
    }

    private static List<String> topics(Level level) {
        return switch (level) {
            case BEGINNER -> BEGINNER_TOPICS;
            case INTERMEDIATE -> INTERMEDIATE_TOPICS;
            case ADVANCED -> ADVANCED_TOPICS;
        };
    }
}
