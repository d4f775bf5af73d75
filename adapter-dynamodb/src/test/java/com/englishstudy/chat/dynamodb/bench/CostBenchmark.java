package com.englishstudy.chat.dynamodb.bench;

import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.message.SendMessageCommand;
import com.englishstudy.chat.domain.room.CreateRoomCommand;
import com.englishstudy.chat.domain.room.JoinRoomCommand;
import com.englishstudy.chat.domain.room.JoinedRoom;
import com.englishstudy.chat.domain.room.LeaveRoomCommand;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomFilter;
import com.englishstudy.chat.dynamodb.testing.CapacityMeter;
import com.englishstudy.chat.dynamodb.testing.CoreOnDynamo;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What each request costs in DynamoDB round trips and capacity units, through the real use cases on dynalite.
 * Prints numbers and asserts nothing; runs only with {@code -Pcost} (see the README). Capacity is counted by
 * {@link CapacityMeter} from item sizes, indexes included, because dynalite reports the base table only; its
 * own report is printed beside for comparison.
 */
@Tag("bench")
class CostBenchmark {
    private final StringBuilder out = new StringBuilder();

    @Test
    void printCostPerOperation() throws IOException {
        CapacityMeter meter = new CapacityMeter();
        String table = Dynalite.shared().newTable("cost");
        meter.watch(Dynalite.shared().client(), table);
        try (DynamoDbClient client = Dynalite.shared().newClient(meter)) {
            ChatCore chat = CoreOnDynamo.core(client, table, new CoreOnDynamo.Events());
            for (int i = 0; i < 30; i++) {
                Level level = Level.values()[i % 3];
                Room filler = chat.createRoom().createRoom(new CreateRoomCommand("Room " + i, "Talk about anything",
                        level, 6, false, null, "filler-" + i));
                if (i % 2 == 0) chat.joinRoom().joinRoom(new JoinRoomCommand(filler.roomId(), "bob", null));
            }
            meter.drain();

            line("%-52s %5s %7s %7s %9s", "operation (use case, as the service runs it)", "trips", "WCU", "RCU", "reported");
            Room room = measure(meter, "create room (public, creator is first member)", () ->
                    chat.createRoom().createRoom(new CreateRoomCommand("Coffee chat", "Weekend plans, movies and food",
                            Level.INTERMEDIATE, 6, false, null, "alice")));
            JoinedRoom aliceToken = measure(meter, "join again as a member (reconnect: new token)", () ->
                    chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "alice", null)));
            Connection alice = measure(meter, "connect (token consume, room find, connection save)", () ->
                    chat.connections().connect("L0SM9cOFvHcCIhw=", aliceToken.token().token()));
            JoinedRoom bobIn = measure(meter, "join as a new member (1 connection told)", () ->
                    chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), "bob", null)));
            measure(meter, "connect", () -> chat.connections().connect("L0SNbdx9vHcCF-A=", bobIn.token().token()));

            line("");
            line("send message = connections.find + [messages.save + rooms.recordMessage + connections.findByRoom]");
            send(meter, chat, alice, "first message of the room (room turns active)", null);
            send(meter, chat, alice, "next message, no clientMessageId", null);
            send(meter, chat, alice, "next message, with clientMessageId", "c-" + UUID.randomUUID());
            String key = "c-" + UUID.randomUUID();
            send(meter, chat, alice, "message with clientMessageId", key);
            send(meter, chat, alice, "repeat of that clientMessageId (duplicate)", key);
            for (int i = 0; i < 10; i++) {
                JoinedRoom t = chat.joinRoom().joinRoom(new JoinRoomCommand(room.roomId(), i % 2 == 0 ? "alice" : "bob", null));
                chat.connections().connect("tab-" + i + "-xxxxxxxxxx", t.token().token());
            }
            meter.drain();
            send(meter, chat, alice, "next message, 12 open connections in the room", null);

            line("");
            measure(meter, "list rooms, all levels, limit 10", () ->
                    chat.roomQueries().listRooms(RoomFilter.ALL, PageRequest.first(10)));
            measure(meter, "list rooms, one level, limit 10", () ->
                    chat.roomQueries().listRooms(new RoomFilter(Level.BEGINNER, null), PageRequest.first(10)));
            measure(meter, "list rooms I joined, limit 10", () ->
                    chat.roomQueries().listRooms(new RoomFilter(null, "bob"), PageRequest.first(10)));
            measure(meter, "room messages, limit 20", () ->
                    chat.messageQueries().roomMessages(room.roomId(), "bob", PageRequest.first(20)));

            line("");
            measure(meter, "leave (member with 6 open tabs; others told)", () ->
                    chat.leaveRoom().leaveRoom(new LeaveRoomCommand(room.roomId(), "bob")));
            measure(meter, "leave of the last member (room and all of it deleted)", () ->
                    chat.leaveRoom().leaveRoom(new LeaveRoomCommand(room.roomId(), "alice")));
        } finally {
            Dynalite.shared().deleteTable(table);
        }
        line("");
        line("WCU/RCU: counted from item sizes, GSI writes included (1 WCU per started KB per item per index that");
        line("holds it; 0.5 RCU per started 4 KB read, eventually consistent; 1 RCU strongly consistent).");
        line("reported: what dynalite returned for ConsumedCapacity (base table only, nothing for refused conditions).");
        System.out.print(out);
        Path file = Path.of("target", "dynamodb-cost.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
    }

    private void send(CapacityMeter meter, ChatCore chat, Connection from, String what, String clientMessageId) {
        chat.sendMessage().sendMessage(new SendMessageCommand(from.connectionId(), null, null,
                "I watched a great movie yesterday, have you seen it?", "TEXT", clientMessageId));
        List<CapacityMeter.Call> calls = meter.drain();
        Predicate<CapacityMeter.Call> connectionLookup = c -> c.operation().equals("GetItem") && c.detail().startsWith("CONN#");
        print("send: " + what, calls);
        List<CapacityMeter.Call> budget = calls.stream().filter(connectionLookup.negate()).toList();
        line("  %-50s %5d %7.1f %7.1f", "└ save + recordMessage + findByRoom", budget.size(),
                budget.stream().mapToDouble(CapacityMeter.Call::wcu).sum(),
                budget.stream().mapToDouble(CapacityMeter.Call::rcu).sum());
    }

    private <T> T measure(CapacityMeter meter, String what, java.util.function.Supplier<T> operation) {
        T result = operation.get();
        print(what, meter.drain());
        return result;
    }

    private void print(String what, List<CapacityMeter.Call> calls) {
        double reported = calls.stream().mapToDouble(c -> c.reported() == null ? 0 : c.reported()).sum();
        line("%-52s %5d %7.1f %7.1f %9.1f", what, calls.size(),
                calls.stream().mapToDouble(CapacityMeter.Call::wcu).sum(),
                calls.stream().mapToDouble(CapacityMeter.Call::rcu).sum(), reported);
        for (CapacityMeter.Call call : calls) {
            line("      %-14s %-56s %4.1f W %4.1f R", call.operation(), call.detail(), call.wcu(), call.rcu());
        }
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
