package com.englishstudy.chat.local;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What the local runtime uses for the tutor and for read-aloud.
 *
 * @param tutor         {@code CHAT_TUTOR}: {@code offline} (default) or {@code openai}
 * @param openAiBaseUrl {@code OPENAI_BASE_URL}, default {@code http://localhost:11434} (Ollama)
 * @param openAiModel   {@code OPENAI_MODEL}; required for {@code openai}
 * @param openAiApiKey  {@code OPENAI_API_KEY}; optional, sent as a bearer token
 * @param openAiTimeout {@code OPENAI_TIMEOUT_SECONDS}, default 20
 * @param speech        {@code CHAT_SPEECH}: {@code auto} (default; espeak-ng if installed, else none),
 *                      {@code espeak} or {@code none}
 */
public record LocalAiSettings(
        TutorKind tutor,
        URI openAiBaseUrl,
        String openAiModel,
        String openAiApiKey,
        Duration openAiTimeout,
        SpeechKind speech) {

    public enum TutorKind { OFFLINE, OPENAI }

    public enum SpeechKind { AUTO, ESPEAK, NONE }

    public static final URI DEFAULT_OPENAI_BASE_URL = URI.create("http://localhost:11434");

    public LocalAiSettings {
        if (tutor == null) tutor = TutorKind.OFFLINE;
        if (speech == null) speech = SpeechKind.AUTO;
        if (openAiBaseUrl == null) openAiBaseUrl = DEFAULT_OPENAI_BASE_URL;
        if (openAiTimeout == null) openAiTimeout = Duration.ofSeconds(20);
        if (tutor == TutorKind.OPENAI && (openAiModel == null || openAiModel.isBlank())) {
            throw new IllegalArgumentException("CHAT_TUTOR=openai needs OPENAI_MODEL, e.g. llama3.2");
        }
    }

    /** Reads the variables above; a value that is not understood stops start-up with the variable's name. */
    public static LocalAiSettings fromEnvironment(Map<String, String> env) {
        return new LocalAiSettings(
                choice(env, "CHAT_TUTOR", TutorKind.class, TutorKind.OFFLINE),
                url(env, "OPENAI_BASE_URL"),
                blankToNull(env.get("OPENAI_MODEL")),
                blankToNull(env.get("OPENAI_API_KEY")),
                seconds(env, "OPENAI_TIMEOUT_SECONDS"),
                choice(env, "CHAT_SPEECH", SpeechKind.class, SpeechKind.AUTO));
    }

    /** Keeps the API key out of logs. */
    @Override
    public String toString() {
        return "LocalAiSettings[tutor=" + tutor + ", openAiBaseUrl=" + openAiBaseUrl + ", openAiModel=" + openAiModel
                + ", openAiApiKey=" + (openAiApiKey == null ? "none" : "set") + ", openAiTimeout=" + openAiTimeout
                + ", speech=" + speech + "]";
    }

    private static <E extends Enum<E>> E choice(Map<String, String> env, String name, Class<E> type, E fallback) {
        String raw = blankToNull(env.get(name));
        if (raw == null) return fallback;
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E value : type.getEnumConstants()) {
                if (!allowed.isEmpty()) allowed.append(", ");
                allowed.append(value.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(name + " must be one of " + allowed + ", not '" + raw + "'", e);
        }
    }

    private static URI url(Map<String, String> env, String name) {
        String raw = blankToNull(env.get(name));
        if (raw == null) return null;
        try {
            URI uri = URI.create(raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an http(s) URL such as http://localhost:11434", e);
        }
    }

    private static Duration seconds(Map<String, String> env, String name) {
        String raw = blankToNull(env.get(name));
        if (raw == null) return null;
        try {
            long seconds = Long.parseLong(raw);
            if (seconds < 1 || seconds > 600) throw new NumberFormatException();
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds from 1 to 600", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
