package com.englishstudy.chat.aws.voice;

import com.englishstudy.chat.aws.ProviderFailures;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.voice.Speech;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import com.englishstudy.chat.domain.voice.Voice;
import java.util.Objects;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.model.Engine;
import software.amazon.awssdk.services.polly.model.OutputFormat;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechResponse;
import software.amazon.awssdk.services.polly.model.TextLengthExceededException;
import software.amazon.awssdk.services.polly.model.TextType;

/** Read-aloud on Amazon Polly: neural voices, MP3. */
public final class PollySpeechSynthesizer implements SpeechSynthesizer {
    static final String PROVIDER = "Read-aloud";
    /** SynthesizeSpeech refuses more than 3000 billed characters of plain text. */
    public static final int MAX_CHARACTERS = 3000;
    private static final String MPEG = "audio/mpeg";

    private final PollyClient client;
    private final String femaleVoice;
    private final String maleVoice;

    /**
     * @param femaleVoice a Polly voice id with a neural voice, e.g. {@code Joanna}
     * @param maleVoice   likewise, e.g. {@code Matthew}
     */
    public PollySpeechSynthesizer(PollyClient client, String femaleVoice, String maleVoice) {
        this.client = Objects.requireNonNull(client, "client");
        this.femaleVoice = requireVoice(femaleVoice, "POLLY_FEMALE_VOICE");
        this.maleVoice = requireVoice(maleVoice, "POLLY_MALE_VOICE");
    }

    @Override
    public Speech synthesize(String text, Voice voice) {
        String speakable = fitToLimit(text == null ? "" : text.strip(), MAX_CHARACTERS);
        if (speakable.isEmpty()) throw new ChatException.ProviderFailed("There is no text to read aloud", false, null);
        SynthesizeSpeechRequest request = SynthesizeSpeechRequest.builder()
                .engine(Engine.NEURAL)
                .outputFormat(OutputFormat.MP3)
                .textType(TextType.TEXT)
                .voiceId(voice == Voice.MALE ? maleVoice : femaleVoice)
                .text(speakable)
                .build();
        ResponseBytes<SynthesizeSpeechResponse> audio;
        try {
            audio = client.synthesizeSpeechAsBytes(request);
        } catch (TextLengthExceededException e) {
            // Reached only if Polly counts characters differently from us; not worth retrying.
            throw ProviderFailures.refused(PROVIDER, "The message is too long to read aloud", e);
        } catch (SdkException e) {
            throw ProviderFailures.from(PROVIDER, e);
        }
        byte[] bytes = audio.asByteArray();
        if (bytes.length == 0) throw new ChatException.ProviderFailed(PROVIDER + " gave no audio", false, null);
        String contentType = audio.response().contentType();
        return new Speech(bytes, contentType == null || contentType.isBlank() ? MPEG : contentType);
    }

    /**
     * Text longer than Polly takes is cut at the last space before the limit, so the reading ends on a whole
     * word; a message of 2000 characters (SPEC's maximum) always fits whole.
     */
    static String fitToLimit(String text, int limit) {
        if (text.length() <= limit) return text;
        int cut = limit;
        if (Character.isLowSurrogate(text.charAt(cut))) cut--;
        int space = text.lastIndexOf(' ', cut);
        if (space > limit / 2) cut = space;
        return text.substring(0, cut).strip();
    }

    private static String requireVoice(String voice, String name) {
        if (voice == null || voice.isBlank()) throw new IllegalArgumentException(name + " must name a Polly voice");
        return voice;
    }
}
