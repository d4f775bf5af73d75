package com.englishstudy.chat.domain.voice;

/** Turns text into spoken audio. */
public interface SpeechSynthesizer {
    /**
     * @throws com.englishstudy.chat.domain.common.ChatException.ProviderFailed when the provider refuses,
     *         fails or does not answer in time
     */
    Speech synthesize(String text, Voice voice);
}
