package com.englishstudy.chat.dynamodb.layout;

import static com.englishstudy.chat.dynamodb.testing.Fixtures.T0;
import static com.englishstudy.chat.dynamodb.testing.Fixtures.rawItem;
import static com.englishstudy.chat.dynamodb.testing.Fixtures.rawPartition;
import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomStatus;
import com.englishstudy.chat.domain.token.RoomToken;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.dynamodb.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The items as they sit in the table: seed section 3's keys, plus what the README says was added. */
class ItemLayoutTest {
    private final DynamoDbClient client = Dynalite.shared().client();
    private String table;
    private ChatStorage storage;

    @BeforeEach
    void setUp() {
        table = Dynalite.shared().newTable("layout");
        storage = DynamoDbStorage.create(client, table);
    }

    @AfterEach
    void tearDown() {
        Dynalite.shared().deleteTable(table);
    }

    @Test
    void aRoomIsTheSeedsChatRoomItemWithListingKeysOnBothIndexesAndAMembershipPerMember() {
        Room room = Fixtures.room("r1", Level.INTERMEDIATE, 6, T0, "alice");
        storage.rooms().create(room);
        storage.rooms().addMember("r1", "bob");

        Map<String, AttributeValue> item = rawItem(client, table, "ROOM#r1", "METADATA");
        assertThat(s(item, "GSI1PK")).isEqualTo("ROOMS");
        assertThat(s(item, "GSI1SK")).isEqualTo("2026-01-09T10:00:00.000Z#r1");
        assertThat(s(item, "GSI2PK")).isEqualTo("ROOMS#intermediate");
        assertThat(s(item, "GSI2SK")).isEqualTo("2026-01-09T10:00:00.000Z#r1");
        assertThat(s(item, "roomId")).isEqualTo("r1");
        assertThat(s(item, "level")).isEqualTo("intermediate");
        assertThat(s(item, "status")).isEqualTo("created");
        assertThat(s(item, "createdAt")).isEqualTo("2026-01-09T10:00:00.000Z");
        assertThat(s(item, "lastMessageAt")).isEqualTo("2026-01-09T10:00:00.000Z");
        assertThat(item.get("currentMembers").n()).isEqualTo("2");
        assertThat(item.get("maxMembers").n()).isEqualTo("6");
        assertThat(item.get("isPrivate").bool()).isFalse();
        assertThat(item.get("memberIds").l()).extracting(AttributeValue::s).containsExactly("alice", "bob");
        assertThat(item).doesNotContainKey("password");

        for (String user : new String[] {"alice", "bob"}) {
            Map<String, AttributeValue> membership =
                    rawItem(client, table, "USER#" + user, "ROOM#2026-01-09T10:00:00.000Z#r1");
            assertThat(s(membership, "GSI2PK")).isEqualTo("USER#" + user + "#ROOMS#intermediate");
            assertThat(s(membership, "GSI2SK")).isEqualTo("ROOM#2026-01-09T10:00:00.000Z#r1");
            assertThat(s(membership, "roomId")).isEqualTo("r1");
            assertThat(membership).doesNotContainKeys("GSI1PK", "GSI1SK");
        }

        storage.rooms().removeMember("r1", "bob");
        assertThat(rawItem(client, table, "USER#bob", "ROOM#2026-01-09T10:00:00.000Z#r1")).isEmpty();
        storage.rooms().delete("r1");
        assertThat(rawItem(client, table, "USER#alice", "ROOM#2026-01-09T10:00:00.000Z#r1")).isEmpty();
    }

    @Test
    void aMessageIsTheSeedsChatMessageItemAndOnlyAClientMessageIdAddsAnIdempotencyItem() {
        ChatMessage plain = Fixtures.message("r1", "alice", T0, null);
        ChatMessage keyed = Fixtures.message("r1", "alice", T0.plusMillis(5), "c-1");
        storage.messages().save(plain);
        storage.messages().save(keyed);

        Map<String, AttributeValue> item = rawItem(client, table, "ROOM#r1",
                "MSG#2026-01-09T10:00:00.000Z#" + plain.messageId());
        assertThat(s(item, "GSI1PK")).isEqualTo("USER#alice");
        assertThat(s(item, "GSI1SK")).isEqualTo("MSG#2026-01-09T10:00:00.000Z#" + plain.messageId());
        assertThat(s(item, "GSI2PK")).isEqualTo("MSG#" + plain.messageId());
        assertThat(s(item, "GSI2SK")).isEqualTo("ROOM#r1");
        assertThat(s(item, "messageType")).isEqualTo("TEXT");
        assertThat(s(item, "createdAt")).isEqualTo("2026-01-09T10:00:00.000Z");
        assertThat(item).doesNotContainKeys("clientMessageId", "maleVoiceKey", "femaleVoiceKey");

        assertThat(rawPartition(client, table, "ROOM#r1")).extracting(i -> s(i, "SK")).containsExactlyInAnyOrder(
                "IDEM#alice#c-1",
                "MSG#2026-01-09T10:00:00.000Z#" + plain.messageId(),
                "MSG#2026-01-09T10:00:00.005Z#" + keyed.messageId());
        Map<String, AttributeValue> idempotency = rawItem(client, table, "ROOM#r1", "IDEM#alice#c-1");
        assertThat(s(idempotency, "messageId")).isEqualTo(keyed.messageId());
        assertThat(idempotency).doesNotContainKeys("GSI1PK", "GSI2PK");
    }

    @Test
    void connectionsAndTokensAreTheSeedsItemsWithAnExactExpiryBesideTheTtl() {
        Connection connection = new Connection("c1", "r1", "alice", T0, T0.plus(Duration.ofMillis(600_500)));
        storage.connections().save(connection);
        Map<String, AttributeValue> conn = rawItem(client, table, "CONN#c1", "METADATA");
        assertThat(s(conn, "GSI1PK")).isEqualTo("ROOM#r1");
        assertThat(s(conn, "GSI1SK")).isEqualTo("CONN#c1");
        assertThat(s(conn, "GSI2PK")).isEqualTo("USER#alice");
        assertThat(s(conn, "GSI2SK")).isEqualTo("CONN#c1");
        assertThat(s(conn, "connectedAt")).isEqualTo("2026-01-09T10:00:00.000Z");
        assertThat(s(conn, "expiresAt")).isEqualTo("2026-01-09T10:10:00.500Z");
        // Rounded up: storage must never drop it before the clock does.
        assertThat(conn.get("ttl").n()).isEqualTo(String.valueOf(T0.getEpochSecond() + 601));

        RoomToken token = new RoomToken("t1", "r1", "alice", T0, T0.plusSeconds(300));
        storage.tokens().save(token);
        Map<String, AttributeValue> tok = rawItem(client, table, "TOKEN#t1", "METADATA");
        assertThat(s(tok, "token")).isEqualTo("t1");
        assertThat(s(tok, "GSI1PK")).isEqualTo("ROOM#r1");
        assertThat(s(tok, "GSI1SK")).isEqualTo("TOKEN#t1");
        assertThat(tok.get("ttl").n()).isEqualTo(String.valueOf(T0.getEpochSecond() + 300));
        assertThat(tok).doesNotContainKeys("GSI2PK", "GSI2SK");
    }

    @Test
    void aRoomsTokensShareTheGsi1PartitionOfItsConnectionsButNotTheirListing() {
        storage.connections().save(new Connection("c1", "r1", "alice", T0, T0.plusSeconds(600)));
        storage.tokens().save(new RoomToken("t1", "r1", "alice", T0, T0.plusSeconds(300)));

        assertThat(storage.connections().findByRoom("r1", T0)).extracting(Connection::connectionId).containsExactly("c1");
        storage.connections().deleteByRoom("r1");
        assertThat(storage.tokens().consume("t1")).isPresent();
    }

    @Test
    void aPrivateRoomKeepsItsHashAndAnEmptyOrMissingDescriptionReadsBackAsStored() {
        Room blank = new Room("r2", "Quiet", "", Level.BEGINNER, 4, true, "$2a$04$abcdefghijklmnopqrstuu", "alice",
                List.of("alice"), RoomStatus.CREATED, T0, T0);
        Room none = new Room("r3", "None", null, Level.ADVANCED, 4, false, null, "alice",
                List.of("alice"), RoomStatus.CREATED, T0, T0);
        storage.rooms().create(blank);
        storage.rooms().create(none);

        assertThat(storage.rooms().find("r2")).contains(blank);
        assertThat(storage.rooms().find("r3")).contains(none);
        assertThat(s(rawItem(client, table, "ROOM#r2", "METADATA"), "password")).isEqualTo("$2a$04$abcdefghijklmnopqrstuu");
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
