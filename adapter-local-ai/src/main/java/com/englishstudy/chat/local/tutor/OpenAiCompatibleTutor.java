package com.englishstudy.chat.local.tutor;

import com.englishstudy.chat.domain.tutor.TutorPrompt;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.tutor.Tutor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tutor on any server that speaks OpenAI's chat-completions API: Ollama, llama.cpp's server, vLLM, LM Studio
 * or OpenAI itself. One POST per reply, no streaming.
 */
public final class OpenAiCompatibleTutor implements Tutor {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    static final String PROVIDER = "The AI tutor";
    private static final System.Logger LOG = System.getLogger(OpenAiCompatibleTutor.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TEMPERATURE = 0.7;
    /** Reasoning models served locally (Qwen3, DeepSeek-R1) may put their thinking before the answer. */
    private static final Pattern THINKING = Pattern.compile("(?s)^\\s*<think>.*?</think>\\s*");

    private final HttpClient http;
    private final URI completions;
    private final String model;
    private final String apiKey;
    private final Duration timeout;

    /**
     * @param baseUrl the server's root, e.g. {@code http://localhost:11434}; a trailing {@code /v1} is accepted too
     * @param apiKey  sent as a bearer token; {@code null} or blank for servers that take none
     * @param timeout the whole of one request; keep it well under the 29 s a gateway would wait
     */
    public OpenAiCompatibleTutor(URI baseUrl, String model, String apiKey, Duration timeout) {
        // HTTP/1.1: on plain http the JDK would otherwise offer an h2c upgrade, which some local servers mishandle.
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build(),
                baseUrl, model, apiKey, timeout);
    }

    public OpenAiCompatibleTutor(HttpClient http, URI baseUrl, String model, String apiKey, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.completions = completionsUri(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (model == null || model.isBlank()) throw new IllegalArgumentException("OPENAI_MODEL is required");
        this.model = model;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        this.timeout = timeout;
    }

    /** {@code {base}/v1/chat/completions}, whether or not the base already ends in {@code /v1}. */
    static URI completionsUri(URI baseUrl) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        if (base.endsWith("/v1")) base = base.substring(0, base.length() - 3);
        return URI.create(base + "/v1/chat/completions");
    }

    public URI endpoint() {
        return completions;
    }

    @Override
    public String reply(Level level, List<ChatMessage> recentOldestFirst) {
        HttpRequest.Builder request = HttpRequest.newBuilder(completions)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(level, recentOldestFirst)));
        if (apiKey != null) request.header("Authorization", "Bearer " + apiKey);
        HttpResponse<String> response = send(request.build());
        int status = response.statusCode();
        if (status != 200) {
            LOG.log(System.Logger.Level.WARNING, () -> PROVIDER + " at " + completions + " answered HTTP " + status
                    + ": " + abbreviate(response.body()));
            boolean busy = status == 429 || status == 502 || status == 503 || status == 504;
            throw new ChatException.ProviderFailed(busy
                    ? PROVIDER + " is busy right now; please try again in a moment"
                    : PROVIDER + " could not handle this request", busy, null);
        }
        return textOf(response.body());
    }

    private String body(Level level, List<ChatMessage> recent) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", TutorPrompt.system(level));
        for (TutorPrompt.Turn turn : TutorPrompt.turns(recent)) {
            messages.addObject()
                    .put("role", turn.role() == TutorPrompt.Role.ASSISTANT ? "assistant" : "user")
                    .put("content", turn.text());
        }
        root.put("max_tokens", TutorPrompt.maxTokens(level));
        root.put("temperature", TEMPERATURE);
        root.put("stream", false);
        return root.toString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, () -> PROVIDER + " at " + completions + " timed out: " + e);
            throw new ChatException.ProviderFailed(PROVIDER + " did not answer in time; please try again", true, e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> PROVIDER + " at " + completions + " failed: " + e);
            throw new ChatException.ProviderFailed(PROVIDER + " cannot be reached right now; please try again later", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException.ProviderFailed(PROVIDER + " was interrupted; please try again", true, e);
        }
    }

    private String textOf(String body) {
        JsonNode choice;
        try {
            choice = JSON.readTree(body).path("choices").path(0);
        } catch (JsonProcessingException e) {
            LOG.log(System.Logger.Level.WARNING, () -> PROVIDER + " answered something that is not JSON: " + abbreviate(body));
            throw new ChatException.ProviderFailed(PROVIDER + " gave an answer that could not be used", false, e);
        }
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            LOG.log(System.Logger.Level.WARNING, () -> PROVIDER + " answered without a message: " + abbreviate(body));
            throw new ChatException.ProviderFailed(PROVIDER + " gave an answer that could not be used", false, null);
        }
        String text = THINKING.matcher(content.asText()).replaceFirst("").strip();
        if (text.isEmpty()) throw new ChatException.ProviderFailed(PROVIDER + " gave an empty answer", false, null);
        return "length".equals(choice.path("finish_reason").asText()) ? TutorPrompt.wholeSentences(text) : text;
    }

    private static String abbreviate(String text) {
        if (text == null) return "";
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
