package com.englishstudy.chat.aws.tutor;

import com.englishstudy.chat.domain.tutor.TutorPrompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.aws.AwsAi;
import com.englishstudy.chat.aws.AwsAiSettings;
import com.englishstudy.chat.aws.StubAwsService;
import com.englishstudy.chat.aws.StubAwsService.Reply;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.UserIds;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.tutor.Tutor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Bedrock Runtime client against a local server that answers as Converse does. */
class BedrockTutorTest {
    private static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubAwsService bedrock;
    private AwsAi aws;

    @BeforeEach
    void start() throws Exception {
        bedrock = new StubAwsService(request -> converseAnswer("Hello! What did you do today?", "end_turn"));
    }

    @AfterEach
    void stop() {
        if (aws != null) aws.close();
        bedrock.close();
    }

    private Tutor tutor(String modelId, Duration timeout) {
        AwsAiSettings settings = AwsAiSettings.fromEnvironment(Map.of(
                        "BEDROCK_MODEL_ID", modelId,
                        "BEDROCK_ENDPOINT", bedrock.endpoint().toString()))
                .withTimeouts(timeout, Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
        aws = new AwsAi(settings, null);
        return aws.tutor();
    }

    private Tutor tutor() {
        return tutor(CLAUDE, Duration.ofSeconds(10));
    }

    @Test
    void sendsTheLevelPromptAndTheConversationAndReturnsTheModelsText() throws Exception {
        List<ChatMessage> recent = List.of(
                text("alice", "hello everyone"),
                text("bob", "hi alice. i am agree with you"));

        String reply = tutor().reply(Level.BEGINNER, recent);

        assertThat(reply).isEqualTo("Hello! What did you do today?");
        StubAwsService.Received sent = bedrock.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
        assertThat(sent.header("Authorization")).startsWith("AWS4-HMAC-SHA256 ")
                .contains("/ap-northeast-2/bedrock/aws4_request");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("system").get(0).path("text").asText())
                .contains("beginners").contains("short, simple sentences");
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(TutorPrompt.maxTokens(Level.BEGINNER));
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).path("content").get(0).path("text").asText())
                .isEqualTo("alice: hello everyone\nbob: hi alice. i am agree with you");
    }

    @Test
    void theTutorsOwnMessagesAreAssistantTurnsAndTheTurnsAlternateFromAUserTurnToAUserTurn() throws Exception {
        List<ChatMessage> recent = List.of(
                tutorSaid("Welcome! What is your favourite food?"),
                text("alice", "Pizza."),
                text("bob", "Sushi, definitely."),
                tutorSaid("Great choices."),
                tutorSaid("Who cooks at home?"));

        tutor("meta.llama3-8b-instruct-v1:0", Duration.ofSeconds(10)).reply(Level.ADVANCED, recent);

        StubAwsService.Received sent = bedrock.last();
        assertThat(sent.rawPath()).isEqualTo("/model/meta.llama3-8b-instruct-v1%3A0/converse");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("system").get(0).path("text").asText()).contains("advanced").contains("naturally");
        List<String> roles = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        body.path("messages").forEach(m -> {
            roles.add(m.path("role").asText());
            texts.add(m.path("content").get(0).path("text").asText());
        });
        assertThat(roles).containsExactly("user", "assistant", "user", "assistant", "user");
        assertThat(texts.get(0)).isEqualTo(TutorPrompt.EARLIER);
        assertThat(texts.get(1)).isEqualTo("Welcome! What is your favourite food?");
        assertThat(texts.get(2)).isEqualTo("alice: Pizza.\nbob: Sushi, definitely.");
        assertThat(texts.get(3)).isEqualTo("Great choices.\nWho cooks at home?");
        assertThat(texts.get(4)).isEqualTo(TutorPrompt.GO_ON);
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(TutorPrompt.maxTokens(Level.ADVANCED));
    }

    @Test
    void inAnEmptyRoomTheModelIsAskedToOpenTheConversation() throws Exception {
        tutor().reply(Level.INTERMEDIATE, List.of());

        JsonNode body = JSON.readTree(bedrock.last().body());
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("text").isMissingNode()).isTrue();
        assertThat(body.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo(TutorPrompt.EMPTY_ROOM);
        assertThat(body.path("system").get(0).path("text").asText()).contains("intermediate");
    }

    @Test
    void aReplyCutByTheTokenCeilingEndsAtItsLastWholeSentence() throws Exception {
        bedrock.answer(request -> converseAnswer("That sounds fun. Where did you go? I once went to a place wh", "max_tokens"));

        assertThat(tutor().reply(Level.ADVANCED, List.of(text("alice", "I travelled last week."))))
                .isEqualTo("That sounds fun. Where did you go?");
    }

    @Test
    void throttlingIsAServiceUnavailable() {
        bedrock.answer(request -> Reply.error(429, "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
                "Too many requests, please wait before trying again."));

        assertThatThrownBy(() -> tutor().reply(Level.BEGINNER, List.of(text("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("The AI tutor is busy right now; please try again in a moment");
                });
    }

    @Test
    void aValidationErrorIsABadGateway() {
        bedrock.answer(request -> Reply.error(400, "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
                "The provided model identifier is invalid."));

        assertThatThrownBy(() -> tutor().reply(Level.BEGINNER, List.of(text("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("The AI tutor could not handle this request")
                            .doesNotContain("identifier");
                });
    }

    @Test
    void aServerErrorIsRetriedABoundedNumberOfTimesThenABadGateway() {
        bedrock.answer(request -> Reply.error(500, "InternalServerException", "An internal server error occurred."));
        AwsAiSettings settings = AwsAiSettings.fromEnvironment(Map.of(
                "BEDROCK_MODEL_ID", CLAUDE, "BEDROCK_ENDPOINT", bedrock.endpoint().toString()));
        aws = new AwsAi(settings, null);

        assertThatThrownBy(() -> aws.tutor().reply(Level.BEGINNER, List.of(text("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());
        assertThat(bedrock.received()).hasSize(AwsAiSettings.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsAServiceUnavailable() {
        bedrock.answer(request -> {
            Thread.sleep(3_000);
            return converseAnswer("too late", "end_turn");
        });
        Tutor tutor = tutor(CLAUDE, Duration.ofMillis(800));

        long started = System.nanoTime();
        assertThatThrownBy(() -> tutor.reply(Level.BEGINNER, List.of(text("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("The AI tutor did not answer in time; please try again");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void anAnswerWithoutTextIsABadGateway() {
        bedrock.answer(request -> converseAnswer("", "end_turn"));

        assertThatThrownBy(() -> tutor().reply(Level.BEGINNER, List.of(text("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());
    }

    @Test
    void aServiceThatCannotBeReachedIsAServiceUnavailable() {
        bedrock.close();

        assertThatThrownBy(() -> tutor().reply(Level.BEGINNER, List.of(text("alice", "hi"))))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isTrue());
    }

    static Reply converseAnswer(String text, String stopReason) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", text);
        root.put("stopReason", stopReason);
        root.putObject("usage").put("inputTokens", 57).put("outputTokens", 12).put("totalTokens", 69);
        root.putObject("metrics").put("latencyMs", 412);
        return Reply.json(200, root.toString(), Map.of());
    }

    private static ChatMessage text(String user, String content) {
        return ChatMessage.create("m-" + content.hashCode(), "room-1", user, content, MessageType.TEXT, Instant.now(), null);
    }

    private static ChatMessage tutorSaid(String content) {
        return ChatMessage.create("m-" + content.hashCode(), "room-1", UserIds.AI_TUTOR, content,
                MessageType.AI_RESPONSE, Instant.now(), null);
    }
}
