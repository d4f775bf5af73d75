package com.englishstudy.chat.local.tutor;

/**
 * One thing to fix in a learner's message.
 *
 * @param wrong what the learner wrote, or {@code null} when the fix is something missing (final punctuation)
 * @param right what to write instead, or {@code null} likewise
 * @param why   the rule in a few words, told to intermediate and advanced learners
 */
record Correction(String wrong, String right, String why) {}
