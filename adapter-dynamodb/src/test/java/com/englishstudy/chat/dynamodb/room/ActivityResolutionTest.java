package com.englishstudy.chat.dynamodb.room;

import static com.englishstudy.chat.dynamodb.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.domain.room.RoomStatus;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.dynamodb.testing.Fixtures;
import com.englishstudy.chat.dynamodb.testing.WireLog;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The cost trade-off on {@code lastMessageAt}: at most one room write per resolution window, never backwards. */
class ActivityResolutionTest {
    private final WireLog wire = new WireLog();
    private final DynamoDbClient client = Dynalite.shared().newClient(wire);
    private String table;

    @BeforeEach
    void setUp() {
        table = Dynalite.shared().newTable("activity");
        DynamoDbStorage.create(client, table).rooms().create(Fixtures.room("r1", Level.BEGINNER, 6, T0, "alice"));
    }

    @AfterEach
    void tearDown() {
        Dynalite.shared().deleteTable(table);
        client.close();
    }

    @Test
    void withinTheWindowOnlyTheFirstMessageWritesTheRoom() {
        RoomRepository rooms = DynamoDbStorage.create(client, table, Duration.ofSeconds(5)).rooms();

        wire.clear();
        rooms.recordMessage("r1", T0.plusSeconds(1));
        rooms.recordMessage("r1", T0.plusSeconds(2));
        rooms.recordMessage("r1", T0.plusSeconds(5));
        assertThat(wire.operations()).containsExactly("UpdateItem");
        assertThat(stored(rooms).lastMessageAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored(rooms).status()).isEqualTo(RoomStatus.ACTIVE);

        wire.clear();
        rooms.recordMessage("r1", T0.plusSeconds(6));
        assertThat(wire.operations()).containsExactly("UpdateItem");
        assertThat(stored(rooms).lastMessageAt()).isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void anotherProcessWithinTheWindowIsRefusedByTheConditionAndChangesNothing() {
        DynamoDbStorage.create(client, table, Duration.ofSeconds(5)).rooms().recordMessage("r1", T0.plusSeconds(1));
        RoomRepository other = DynamoDbStorage.create(client, table, Duration.ofSeconds(5)).rooms();

        other.recordMessage("r1", T0.plusSeconds(3));
        assertThat(stored(other).lastMessageAt()).isEqualTo(T0.plusSeconds(1));
        other.recordMessage("r1", T0.plusSeconds(7));
        assertThat(stored(other).lastMessageAt()).isEqualTo(T0.plusSeconds(7));
        other.recordMessage("r1", T0.plusSeconds(4));
        assertThat(stored(other).lastMessageAt()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void exactModeWritesEveryLaterMessageAndSkipsWhatCannotChangeAnything() {
        RoomRepository rooms = DynamoDbStorage.create(client, table, Duration.ZERO).rooms();

        rooms.recordMessage("r1", T0.plusMillis(10));
        rooms.recordMessage("r1", T0.plusMillis(20));
        assertThat(stored(rooms).lastMessageAt()).isEqualTo(T0.plusMillis(20));
        wire.clear();
        rooms.recordMessage("r1", T0.plusMillis(15));
        assertThat(wire.operations()).isEmpty();
        assertThat(stored(rooms).lastMessageAt()).isEqualTo(T0.plusMillis(20));
    }

    @Test
    void aFirstMessageWithinTheWindowOfTheCreationStillMakesTheRoomActiveAndMovesTheTime() {
        RoomRepository rooms = DynamoDbStorage.create(client, table, Duration.ofSeconds(5)).rooms();
        rooms.recordMessage("r1", T0.plusMillis(1));
        Room room = stored(rooms);
        assertThat(room.status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(room.lastMessageAt()).isEqualTo(T0.plusMillis(1));
    }

    private static Room stored(RoomRepository rooms) {
        return rooms.find("r1").orElseThrow();
    }
}
