package com.englishstudy.chat.dynamodb.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.SaveOutcome;
import com.englishstudy.chat.domain.message.SendMessageCommand;
import com.englishstudy.chat.domain.room.CreateRoomCommand;
import com.englishstudy.chat.domain.room.DeleteRoomCommand;
import com.englishstudy.chat.domain.room.JoinRoomCommand;
import com.englishstudy.chat.domain.room.JoinedRoom;
import com.englishstudy.chat.domain.room.LeaveRoomCommand;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomFilter;
import com.englishstudy.chat.domain.room.RoomStatus;
import com.englishstudy.chat.dynamodb.testing.CoreOnDynamo;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.dynamodb.testing.Fixtures;
import com.englishstudy.chat.dynamodb.testing.WireLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The use cases of chat-domain on this storage, from creating a room to deleting it, watching the wire: every
 * request path is answered by gets, queries and conditional writes, never a Scan, and leaves no item behind.
 */
class UseCasesOnDynamoDbTest {
    private final WireLog wire = new WireLog();
    private final DynamoDbClient client = Dynalite.shared().newClient(wire);
    private final CoreOnDynamo.Events events = new CoreOnDynamo.Events();
    private String table;
    private ChatCore chat;

    @BeforeEach
    void setUp() {
        table = Dynalite.shared().newTable("flow");
        chat = CoreOnDynamo.core(client, table, events);
    }

    @AfterEach
    void tearDown() {
        Dynalite.shared().deleteTable(table);
        client.close();
    }

    @Test
    void aRoomsWholeLifeRunsWithoutAScanAndLeavesNothingBehind() {
        Room room = chat.createRoom().createRoom(
                new CreateRoomCommand("Coffee chat", "Weekend plans", Level.BEGINNER, 3, true, "secret-1", "alice"));
        JoinedRoom aliceIn = chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "alice", null));
        Connection alice = chat.connections().connect("conn-a", aliceIn.token().token());

        assertThatThrownBy(() -> chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "bob", "wrong")))
                .isInstanceOf(ChatException.Forbidden.class);
        JoinedRoom bobIn = chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "bob", "secret-1"));
        assertThat(bobIn.newMember()).isTrue();
        chat.connections().connect("conn-b", bobIn.token().token());
        assertThatThrownBy(() -> chat.connections().connect("conn-x", bobIn.token().token()))
                .isInstanceOf(ChatException.Unauthorized.class);
        chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "carol", "secret-1"));
        assertThatThrownBy(() -> chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "dave", "secret-1")))
                .isInstanceOf(ChatException.Conflict.class);

        SaveOutcome first = chat.sendMessage().sendMessage(
                new SendMessageCommand(alice.connectionId(), null, null, "Hi all 👋", "TEXT", "m-1"));
        SaveOutcome repeat = chat.sendMessage().sendMessage(
                new SendMessageCommand(alice.connectionId(), null, null, "Hi all 👋", "TEXT", "m-1"));
        chat.sendMessage().sendMessage(new SendMessageCommand("conn-b", null, null, "Hello!", null, null));
        ChatMessage stored = ((SaveOutcome.Stored) first).message();
        assertThat(repeat).isEqualTo(new SaveOutcome.Duplicate(stored));
        assertThat(events.delivered.stream().filter(RoomEvent.MessagePosted.class::isInstance)).hasSize(2);
        assertThat(chat.roomQueries().getRoom(room.roomId()).status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(chat.messageQueries().roomMessages(room.roomId(), "bob", PageRequest.first(10)).items())
                .extracting(ChatMessage::content).containsExactly("Hello!", "Hi all 👋");
        assertThat(chat.messageQueries().userMessages("alice", PageRequest.first(10)).items()).containsExactly(stored);
        assertThat(chat.roomQueries().listRooms(new RoomFilter(Level.BEGINNER, "bob"), PageRequest.first(10)).items())
                .extracting(Room::roomId).containsExactly(room.roomId());

        chat.leaveRoom().leaveRoom(new LeaveRoomCommand(room.roomId(), "bob"));
        assertThat(chat.roomQueries().listRooms(new RoomFilter(null, "bob"), PageRequest.first(10)).items()).isEmpty();
        chat.deleteRoom().deleteRoom(new DeleteRoomCommand(room.roomId(), "alice"));

        assertThat(wire.operations()).doesNotContain("Scan").isNotEmpty();
        assertThat(everything()).as("items left after the room was deleted").isEmpty();
    }

    @Test
    void theLastLeaveDeletesTheRoomAndEverythingOfIt() {
        Room room = chat.createRoom().createRoom(
                new CreateRoomCommand("Solo", null, Level.ADVANCED, null, false, null, "alice"));
        JoinedRoom in = chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "alice", null));
        chat.connections().connect("conn-a", in.token().token());
        chat.sendMessage().sendMessage(new SendMessageCommand("conn-a", null, null, "Anyone?", null, "k-1"));
        chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "alice", null));

        assertThat(chat.leaveRoom().leaveRoom(new LeaveRoomCommand(room.roomId(), "alice")).roomDeleted()).isTrue();

        assertThat(wire.operations()).doesNotContain("Scan");
        assertThat(everything()).isEmpty();
    }

    /** Only here, to check that nothing is left: a Scan of a test table is fine, on a request path it is not. */
    private List<Map<String, AttributeValue>> everything() {
        return Dynalite.shared().client().scanPaginator(r -> r.tableName(table)).items().stream().toList();
    }
}
