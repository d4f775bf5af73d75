package com.englishstudy.chat.local.tutor;

import com.englishstudy.chat.domain.tutor.TutorPrompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.UserIds;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.room.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tutor over real HTTP against a local server answering in OpenAI's chat-completions format. */
class OpenAiCompatibleTutorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server saw of one request. */
    record Seen(String method, String path, String authorization, String contentType, JsonNode body) {}

    /** What the server answers. */
    record Answer(int status, String contentType, String body, long delayMillis) {}

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Answer answer = completion("Nice to meet you! Where are you from?", "stop");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-openai");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] raw = exchange.getRequestBody().readAllBytes();
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(raw)));
                Answer now = answer;
                if (now.delayMillis() > 0) Thread.sleep(now.delayMillis());
                byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", now.contentType());
                exchange.sendResponseHeaders(now.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | IOException e) {
                // The client gave up first.
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private OpenAiCompatibleTutor tutor(String apiKey) {
        return new OpenAiCompatibleTutor(base(), "llama3.2", apiKey, Duration.ofSeconds(5));
    }

    @Test
    void postsTheLevelPromptAndTheConversationAndReturnsTheAssistantsMessage() {
        String reply = tutor("sk-local-test").reply(Level.BEGINNER, List.of(
                said("alice", "hello, i am mina"),
                tutorSaid("Hi Mina! How are you?"),
                said("mina", "I am fine"),
                said("joon", "me too")));

        assertThat(reply).isEqualTo("Nice to meet you! Where are you from?");
        Seen request = seen.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.authorization()).isEqualTo("Bearer sk-local-test");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode body = request.body();
        assertThat(body.path("model").asText()).isEqualTo("llama3.2");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(TutorPrompt.maxTokens(Level.BEGINNER));
        List<String> roles = new ArrayList<>();
        body.path("messages").forEach(m -> roles.add(m.path("role").asText()));
        assertThat(roles).containsExactly("system", "user", "assistant", "user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo(TutorPrompt.system(Level.BEGINNER));
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("alice: hello, i am mina");
        assertThat(body.path("messages").get(2).path("content").asText()).isEqualTo("Hi Mina! How are you?");
        assertThat(body.path("messages").get(3).path("content").asText()).isEqualTo("mina: I am fine\njoon: me too");
    }

    @Test
    void aBaseUrlEndingInV1AndNoKeyWorkToo() {
        OpenAiCompatibleTutor tutor = new OpenAiCompatibleTutor(URI.create(base() + "/v1/"), "qwen2.5", null, Duration.ofSeconds(5));

        tutor.reply(Level.ADVANCED, List.of());

        assertThat(seen.getFirst().path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.getFirst().authorization()).isNull();
        assertThat(seen.getFirst().body().path("messages").get(0).path("content").asText()).contains("advanced");
        assertThat(seen.getFirst().body().path("messages").get(1).path("content").asText()).isEqualTo(TutorPrompt.EMPTY_ROOM);
    }

    @Test
    void aReasoningModelsThinkingIsDroppedAndACutReplyEndsOnAWholeSentence() {
        answer = completion("<think>\nThe learner wrote a greeting.\n</think>\n\nHello there! How was your day? I hope it wa", "length");

        assertThat(tutor(null).reply(Level.INTERMEDIATE, List.of(said("alice", "hi"))))
                .isEqualTo("Hello there! How was your day?");
    }

    @Test
    void aRateLimitIsAServiceUnavailable() {
        answer = new Answer(429, "application/json",
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}", 0);

        assertThatThrownBy(() -> tutor(null).reply(Level.BEGINNER, List.of(said("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("The AI tutor is busy right now; please try again in a moment");
                });
    }

    @Test
    void aRefusedRequestIsABadGatewayThatDoesNotLeakTheServersWords() {
        answer = new Answer(404, "application/json",
                "{\"error\":{\"message\":\"model 'llama3.2' not found, try pulling it first\",\"type\":\"api_error\"}}", 0);

        assertThatThrownBy(() -> tutor(null).reply(Level.BEGINNER, List.of(said("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("The AI tutor could not handle this request");
                });
    }

    @Test
    void anAnswerThatIsNotAChatCompletionIsABadGateway() {
        answer = new Answer(200, "text/html", "<html>proxy login</html>", 0);
        assertThatThrownBy(() -> tutor(null).reply(Level.BEGINNER, List.of(said("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());

        answer = new Answer(200, "application/json", "{\"choices\":[]}", 0);
        assertThatThrownBy(() -> tutor(null).reply(Level.BEGINNER, List.of(said("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());

        answer = completion("   ", "stop");
        assertThatThrownBy(() -> tutor(null).reply(Level.BEGINNER, List.of(said("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class,
                        e -> assertThat(e.getMessage()).isEqualTo("The AI tutor gave an empty answer"));
    }

    @Test
    void aSlowAnswerIsAServiceUnavailable() {
        answer = new Answer(200, "application/json", completion("late", "stop").body(), 3_000);
        OpenAiCompatibleTutor tutor = new OpenAiCompatibleTutor(base(), "llama3.2", null, Duration.ofMillis(500));

        assertThatThrownBy(() -> tutor.reply(Level.BEGINNER, List.of(said("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("The AI tutor did not answer in time; please try again");
                });
    }

    @Test
    void aServerThatIsNotRunningIsAServiceUnavailable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        OpenAiCompatibleTutor tutor = new OpenAiCompatibleTutor(URI.create("http://127.0.0.1:" + closed), "m", null,
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> tutor.reply(Level.BEGINNER, List.of(said("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("The AI tutor cannot be reached right now; please try again later");
                });
    }

    static Answer completion(String content, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-123").put("object", "chat.completion").put("created", 1_764_300_000L)
                .put("model", "llama3.2");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", finishReason);
        root.putObject("usage").put("prompt_tokens", 80).put("completion_tokens", 12).put("total_tokens", 92);
        return new Answer(200, "application/json", root.toString(), 0);
    }

    private static ChatMessage said(String user, String content) {
        return ChatMessage.create("m-" + content.hashCode(), "room-1", user, content, MessageType.TEXT, Instant.now(), null);
    }

    private static ChatMessage tutorSaid(String content) {
        return ChatMessage.create("t-" + content.hashCode(), "room-1", UserIds.AI_TUTOR, content,
                MessageType.AI_RESPONSE, Instant.now(), null);
    }
}
