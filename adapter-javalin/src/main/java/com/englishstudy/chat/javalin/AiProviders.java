package com.englishstudy.chat.javalin;

import com.englishstudy.chat.aws.AwsAi;
import com.englishstudy.chat.domain.tutor.Tutor;
import com.englishstudy.chat.domain.voice.AudioStore;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import com.englishstudy.chat.local.LocalAi;
import com.englishstudy.chat.local.voice.InMemoryAudioStore;
import java.net.URI;
import java.util.Map;

/**
 * Chooses the tutor, the speech provider and the audio store of the local runtime: AWS where the environment
 * names it, otherwise what plays offline on a laptop.
 * <ul>
 *   <li>tutor: Bedrock when {@code BEDROCK_MODEL_ID} is set, else {@code CHAT_TUTOR} (offline by default, or an
 *       OpenAI-compatible server);</li>
 *   <li>speech: Polly when {@code POLLY_ENDPOINT} or {@code CHAT_BUCKET_NAME} is set, else {@code CHAT_SPEECH}
 *       (espeak-ng when installed, else a clear 503);</li>
 *   <li>audio: S3 when {@code CHAT_BUCKET_NAME} is set, else kept in memory and served by this server at
 *       {@code /audio/...} through signed links, relative to {@code PUBLIC_BASE_URL} when that is set.</li>
 * </ul>
 */
record AiProviders(Tutor tutor, SpeechSynthesizer speech, AudioStore audio, InMemoryAudioStore localAudio,
                   String description, AwsAi aws) implements AutoCloseable {

    static AiProviders fromEnvironment(Map<String, String> env) {
        AwsAi aws = AwsAi.fromEnvironment(env);
        LocalAi local = LocalAi.fromEnvironment(env);
        boolean bedrock = aws.tutorConfigured();
        boolean s3 = aws.audioStoreConfigured();
        boolean polly = s3 || present(env, "POLLY_ENDPOINT");

        Tutor tutor = bedrock ? aws.tutor() : local.tutor();
        SpeechSynthesizer speech = polly ? aws.speech() : local.speech();
        InMemoryAudioStore localAudio = null;
        AudioStore audio;
        if (s3) {
            audio = aws.audioStore();
        } else {
            URI base = present(env, "PUBLIC_BASE_URL") ? URI.create(env.get("PUBLIC_BASE_URL")) : null;
            localAudio = local.audioStore(() -> base);
            audio = localAudio;
        }
        String description = "tutor " + tutor.getClass().getSimpleName()
                + ", speech " + speech.getClass().getSimpleName()
                + ", audio " + audio.getClass().getSimpleName();
        return new AiProviders(tutor, speech, audio, localAudio, description, aws);
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    @Override
    public void close() {
        aws.close();
    }
}
