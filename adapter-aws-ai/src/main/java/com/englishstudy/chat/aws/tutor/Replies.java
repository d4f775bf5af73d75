package com.englishstudy.chat.aws.tutor;

/** Tidies a model's reply before learners see it. */
final class Replies {
    private Replies() {}

    /**
     * A reply that ran into the token ceiling stops mid-sentence; learners should not copy half a sentence, so
     * it is cut back to the last complete one. A reply with no complete sentence is kept as it is.
     */
    static String cutToLastSentence(String text) {
        int end = -1;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i == text.length() - 1 || Character.isWhitespace(text.charAt(i + 1)))) {
                end = i;
                break;
            }
        }
        return end > 0 ? text.substring(0, end + 1) : text;
    }
}
