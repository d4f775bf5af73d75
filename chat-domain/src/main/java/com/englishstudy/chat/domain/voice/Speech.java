package com.englishstudy.chat.domain.voice;

/** Audio made from text. {@code contentType} is e.g. {@code audio/mpeg} or {@code audio/wav}. */
public record Speech(byte[] audio, String contentType) {}
