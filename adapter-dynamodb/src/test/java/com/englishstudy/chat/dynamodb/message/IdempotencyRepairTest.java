package com.englishstudy.chat.dynamodb.message;

import static com.englishstudy.chat.dynamodb.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.message.SaveOutcome;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.dynamodb.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** A save that died between its idempotency item and its message, and the repeats that come after it. */
class IdempotencyRepairTest {
    private final DynamoDbClient client = Dynalite.shared().client();
    private String table;
    private DynamoDbTable<MessageItem> items;
    private MessageRepository messages;
    private ChatMessage original;

    @BeforeEach
    void setUp() {
        table = Dynalite.shared().newTable("repair");
        items = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(table, MessageItem.SCHEMA);
        messages = DynamoDbStorage.create(client, table).messages();
        original = Fixtures.message("r1", "alice", T0, "client-1");
        // Exactly what the first save writes before its message; then its process is gone.
        items.putItem(MessageItem.idempotencyOf(original));
    }

    @AfterEach
    void tearDown() {
        Dynalite.shared().deleteTable(table);
    }

    @Test
    void aRepeatSoonAfterTheFirstSaveAnswersWithTheOriginalAndLeavesTheWritingToIt() {
        ChatMessage repeat = Fixtures.message("r1", "alice", T0.plusSeconds(2), "client-1");

        assertThat(messages.save(repeat)).isEqualTo(new SaveOutcome.Duplicate(original));
        assertThat(messages.listByRoom("r1", PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aRepeatAfterTheRepairDelayStoresTheOriginalOnceAndLaterRepeatsAreDuplicates() {
        ChatMessage repeat = Fixtures.message("r1", "alice", T0.plus(DynamoDbMessageRepository.REPAIR_AFTER), "client-1");

        assertThat(messages.save(repeat)).isEqualTo(new SaveOutcome.Stored(original));
        assertThat(messages.save(repeat)).isEqualTo(new SaveOutcome.Duplicate(original));
        assertThat(messages.listByRoom("r1", PageRequest.first(10)).items()).containsExactly(original);
        assertThat(messages.find(original.messageId())).contains(original);
    }

    @Test
    void theFirstSaveWakingAfterARepairFindsItsMessageTakenSoItIsBroadcastOnce() {
        messages.save(Fixtures.message("r1", "alice", T0.plus(DynamoDbMessageRepository.REPAIR_AFTER), "client-1"));

        // The stalled first save resumes with the same conditional put it always makes.
        assertThatThrownBy(() -> items.putItem(PutItemEnhancedRequest.builder(MessageItem.class)
                        .item(MessageItem.of(original))
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(PK)").build())
                        .build()))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(messages.listByRoom("r1", PageRequest.first(10)).items()).containsExactly(original);
    }
}
