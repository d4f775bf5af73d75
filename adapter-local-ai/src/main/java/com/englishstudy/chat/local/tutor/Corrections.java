package com.englishstudy.chat.local.tutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds common learner mistakes in one message, by rules rather than a model: deterministic and instant. It looks
 * for few things and says nothing when unsure, since a wrong correction teaches worse than none.
 */
final class Corrections {
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:'[A-Za-z]+)?");

    private static final Set<String> THIRD_PERSON = Set.of("he", "she", "it");
    private static final Set<String> BE = Set.of("am", "is", "are", "was", "were");
    /** Words after which "he go" is right: "did he go", "can she swim", "let it be". */
    private static final Set<String> BEFORE_BASE_FORM = Set.of(
            "do", "does", "did", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
            "let", "make", "made", "help", "helped", "to", "see", "saw", "watch", "hear", "heard", "don't",
            "doesn't", "didn't", "can't", "won't", "wouldn't", "couldn't", "shouldn't", "let's", "if", "that");
    private static final Map<String, String> THIRD_PERSON_FORM = Map.ofEntries(
            Map.entry("go", "goes"), Map.entry("do", "does"), Map.entry("have", "has"), Map.entry("want", "wants"),
            Map.entry("like", "likes"), Map.entry("eat", "eats"), Map.entry("play", "plays"),
            Map.entry("work", "works"), Map.entry("live", "lives"), Map.entry("need", "needs"),
            Map.entry("know", "knows"), Map.entry("think", "thinks"), Map.entry("watch", "watches"),
            Map.entry("study", "studies"), Map.entry("say", "says"), Map.entry("come", "comes"),
            Map.entry("love", "loves"), Map.entry("make", "makes"), Map.entry("speak", "speaks"),
            Map.entry("read", "reads"), Map.entry("don't", "doesn't"));
    private static final Set<String> COMPARATIVES = Set.of(
            "better", "worse", "bigger", "smaller", "easier", "harder", "faster", "slower", "cheaper", "happier",
            "older", "younger", "longer", "shorter", "higher", "lower", "larger", "nicer", "busier", "hotter",
            "colder", "stronger");
    private static final Map<String, String> UNCOUNTABLE = Map.of(
            "informations", "information", "advices", "advice", "furnitures", "furniture",
            "homeworks", "homework", "equipments", "equipment", "luggages", "luggage");
    private static final Set<String> QUESTION_STARTS = Set.of(
            "what", "where", "when", "why", "how", "who", "which", "do", "does", "did", "are", "is", "can",
            "could", "would", "will", "have", "has", "should");

    private Corrections() {}

    /** The mistakes found, grammar first, then spelling of "I", then the missing final mark. */
    static List<Correction> in(String text) {
        List<Token> words = tokens(text);
        List<Correction> found = new ArrayList<>();
        boolean[] used = new boolean[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i).lower();
            String next = i + 1 < words.size() ? words.get(i + 1).lower() : "";
            String after = i + 2 < words.size() ? words.get(i + 2).lower() : "";
            String before = i > 0 ? words.get(i - 1).lower() : "";

            if (isSubject(w) && BE.contains(next) && (after.equals("agree") || after.equals("disagree"))) {
                add(found, used, words, text, i, i + 2, capitalI(words.get(i).text()) + " " + agree(w, after),
                        "\"" + after + "\" is a verb, so it needs no \"" + next + "\"");
            } else if (w.equals("i'm") && (next.equals("agree") || next.equals("disagree"))) {
                add(found, used, words, text, i, i + 1, "I " + next,
                        "\"" + next + "\" is a verb, so it needs no \"am\"");
            } else if (THIRD_PERSON.contains(w) && THIRD_PERSON_FORM.containsKey(next)
                    && !BEFORE_BASE_FORM.contains(before)) {
                add(found, used, words, text, i, i + 1, words.get(i).text() + " " + THIRD_PERSON_FORM.get(next),
                        "with he, she and it the present simple verb takes -s");
            } else if (w.equals("more") && COMPARATIVES.contains(next)) {
                add(found, used, words, text, i, i + 1, words.get(i + 1).text(),
                        "\"" + next + "\" is already a comparative");
            } else if (w.equals("didn't") && next.equals("went")) {
                add(found, used, words, text, i, i + 1, words.get(i).text() + " go",
                        "after \"didn't\" the verb stays in its base form");
            } else if (UNCOUNTABLE.containsKey(w)) {
                add(found, used, words, text, i, i, UNCOUNTABLE.get(w), "\"" + UNCOUNTABLE.get(w) + "\" has no plural");
            }
        }
        for (int i = 0; i < words.size(); i++) {
            String original = words.get(i).text();
            if (!used[i] && (original.equals("i") || original.startsWith("i'"))) {
                found.add(new Correction(original, capitalI(original), "the word \"I\" is always a capital letter"));
                break;
            }
        }
        String trimmed = text.strip();
        if (!trimmed.isEmpty() && Character.isLetterOrDigit(trimmed.codePointBefore(trimmed.length()))) {
            boolean question = !words.isEmpty() && QUESTION_STARTS.contains(words.getFirst().lower());
            found.add(new Correction(null, question ? "?" : ".",
                    question ? "a question ends with a question mark" : "a sentence ends with a full stop"));
        }
        return List.copyOf(found);
    }

    /** True when the learner asked something, with or without the question mark. */
    static boolean isQuestion(String text) {
        String trimmed = text.strip();
        if (trimmed.endsWith("?")) return true;
        List<Token> words = tokens(trimmed);
        return !words.isEmpty() && QUESTION_STARTS.contains(words.getFirst().lower())
                && Character.isLetterOrDigit(trimmed.codePointBefore(trimmed.length()));
    }

    static List<String> words(String text) {
        return tokens(text).stream().map(Token::text).toList();
    }

    private static boolean isSubject(String w) {
        return w.equals("i") || w.equals("we") || w.equals("you") || w.equals("they") || THIRD_PERSON.contains(w);
    }

    private static String agree(String subject, String verb) {
        return THIRD_PERSON.contains(subject) ? verb + "s" : verb;
    }

    private static String capitalI(String word) {
        return word.equals("i") || word.startsWith("i'") ? "I" + word.substring(1) : word;
    }

    private static void add(List<Correction> found, boolean[] used, List<Token> words, String text,
                            int first, int last, String right, String why) {
        for (int i = first; i <= last; i++) used[i] = true;
        String wrong = text.substring(words.get(first).start(), words.get(last).end());
        found.add(new Correction(wrong, right, why));
    }

    private record Token(String text, int start, int end) {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text.replace('\u2019', '\''));
        while (m.find()) tokens.add(new Token(m.group(), m.start(), m.end()));
        return tokens;
    }
}
