package com.englishstudy.chat.lambda;

import com.englishstudy.chat.aws.AwsAi;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.tutor.NoTutor;
import com.englishstudy.chat.domain.tutor.Tutor;
import com.englishstudy.chat.domain.voice.AudioStore;
import com.englishstudy.chat.domain.voice.NoSpeech;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import java.net.URI;

/**
 * The tutor, speech and audio store of the Lambda runtime: Bedrock when {@code BEDROCK_MODEL_ID} is set, Polly
 * and S3 when {@code CHAT_BUCKET_NAME} is set, otherwise a clear 503. There is no offline stand-in here: a
 * function that is meant to talk to Bedrock and cannot must say so, not quietly answer with something else.
 *
 * <p>Every function shares this one composition root, but only the AI and voice functions call these; the
 * SDK clients behind them are built on first use (or by the priming hook), so the other five functions do not
 * pay for them at start.
 */
record AwsProviders(Tutor tutor, SpeechSynthesizer speech, AudioStore audio) {

    static AwsProviders from(AwsAi aws) {
        Tutor tutor = aws.tutorConfigured()
                ? (level, recent) -> aws.tutor().reply(level, recent)
                : new NoTutor();
        if (!aws.audioStoreConfigured()) {
            // Speech nobody can store would be made for nothing.
            return new AwsProviders(tutor, new NoSpeech(), new NoAudio());
        }
        SpeechSynthesizer speech = (text, voice) -> aws.speech().synthesize(text, voice);
        AudioStore audio = new AudioStore() {
            @Override
            public void put(String key, byte[] bytes, String contentType) {
                aws.audioStore().put(key, bytes, contentType);
            }

            @Override
            public URI linkTo(String key) {
                return aws.audioStore().linkTo(key);
            }

            @Override
            public void deleteByPrefix(String prefix) {
                aws.audioStore().deleteByPrefix(prefix);
            }
        };
        return new AwsProviders(tutor, speech, audio);
    }

    /** No bucket: nothing is ever stored, so there is nothing to delete with a room. */
    static final class NoAudio implements AudioStore {
        @Override
        public void put(String key, byte[] audio, String contentType) {
            throw unavailable();
        }

        @Override
        public URI linkTo(String key) {
            throw unavailable();
        }

        @Override
        public void deleteByPrefix(String prefix) {
        }

        private static ChatException unavailable() {
            return new ChatException.ProviderFailed("Read-aloud is not configured on this server", true, null);
        }
    }
}
