package com.englishstudy.chat.aws.tutor;

import com.englishstudy.chat.domain.tutor.TutorPrompt;
import com.englishstudy.chat.aws.ProviderFailures;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.tutor.Tutor;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * The tutor on Amazon Bedrock's Converse API. Converse speaks one message format for every model, so the same
 * code drives Claude, Llama or any other chat model that accepts a system prompt; only the model id changes.
 */
public final class BedrockTutor implements Tutor {
    static final String PROVIDER = "The AI tutor";
    private static final float TEMPERATURE = 0.7f;

    private final BedrockRuntimeClient client;
    private final String modelId;

    /**
     * @param client  a client whose timeouts and retries keep a call well inside API Gateway's 29 seconds
     * @param modelId a Bedrock model id or inference profile, e.g. {@code anthropic.claude-3-haiku-20240307-v1:0}
     */
    public BedrockTutor(BedrockRuntimeClient client, String modelId) {
        this.client = Objects.requireNonNull(client, "client");
        if (modelId == null || modelId.isBlank()) throw new IllegalArgumentException("BEDROCK_MODEL_ID is required");
        this.modelId = modelId;
    }

    @Override
    public String reply(Level level, List<ChatMessage> recentOldestFirst) {
        ConverseRequest request = ConverseRequest.builder()
                .modelId(modelId)
                .system(SystemContentBlock.fromText(TutorPrompt.system(level)))
                .messages(TutorPrompt.turns(recentOldestFirst).stream().map(BedrockTutor::message).toList())
                .inferenceConfig(InferenceConfiguration.builder()
                        .maxTokens(TutorPrompt.maxTokens(level))
                        .temperature(TEMPERATURE)
                        .build())
                .build();
        ConverseResponse response;
        try {
            response = client.converse(request);
        } catch (SdkException e) {
            throw ProviderFailures.from(PROVIDER, e);
        }
        return textOf(response);
    }

    private static Message message(TutorPrompt.Turn turn) {
        return Message.builder()
                .role(turn.role() == TutorPrompt.Role.ASSISTANT ? ConversationRole.ASSISTANT : ConversationRole.USER)
                .content(ContentBlock.fromText(turn.text()))
                .build();
    }

    private static String textOf(ConverseResponse response) {
        if (response.stopReason() == StopReason.GUARDRAIL_INTERVENED
                || response.stopReason() == StopReason.CONTENT_FILTERED) {
            throw new ChatException.ProviderFailed(PROVIDER + " could not answer this conversation", false, null);
        }
        ConverseOutput output = response.output();
        String text = output == null || output.message() == null ? "" : output.message().content().stream()
                .map(ContentBlock::text)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("\n"))
                .strip();
        if (text.isEmpty()) throw new ChatException.ProviderFailed(PROVIDER + " gave an empty answer", false, null);
        return response.stopReason() == StopReason.MAX_TOKENS ? TutorPrompt.wholeSentences(text) : text;
    }
}
