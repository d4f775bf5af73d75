package com.englishstudy.chat.domain.voice;

import com.englishstudy.chat.domain.common.ChatException;

/** Stands in where no speech provider is configured: every request is a clear 503. */
public final class NoSpeech implements SpeechSynthesizer {
    @Override
    public Speech synthesize(String text, Voice voice) {
        throw new ChatException.ProviderFailed("Read-aloud is not configured on this server", true, null);
    }
}
