package com.englishstudy.chat.domain.voice;

import java.net.URI;

/** @param cached true when the audio was made by an earlier request */
public record VoiceReady(String messageId, Voice voice, URI audioUrl, String contentType, boolean cached) {}
