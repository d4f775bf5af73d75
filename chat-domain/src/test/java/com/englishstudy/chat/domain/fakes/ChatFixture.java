package com.englishstudy.chat.domain.fakes;

import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.SaveOutcome;
import com.englishstudy.chat.domain.message.SendMessageCommand;
import com.englishstudy.chat.domain.room.CreateRoomCommand;
import com.englishstudy.chat.domain.room.JoinRoomCommand;
import com.englishstudy.chat.domain.room.JoinedRoom;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole chat core on in-memory storage, a clock that moves only when told, predictable ids and fakes that
 * record what the core asked of the world. BCrypt runs at cost 4 to keep tests fast.
 */
public final class ChatFixture {
    /** Has nanoseconds on purpose: every stored time must come out cut to milliseconds. */
    public static final Instant START = Instant.parse("2026-01-09T10:00:00.123456789Z");
    public static final Instant START_MILLIS = Instant.parse("2026-01-09T10:00:00.123Z");

    public final MutableClock clock = new MutableClock(START);
    public final SequentialIds ids = new SequentialIds();
    public final RecordingBroadcaster broadcaster = new RecordingBroadcaster();
    public final FakeTutor tutor = new FakeTutor();
    public final FakeSpeech speech = new FakeSpeech("audio/mpeg");
    public final FakeAudioStore audio = new FakeAudioStore();
    public final ChatSettings settings;
    public final ChatStorage storage;
    public final ChatCore core;
    private final AtomicInteger connectionIds = new AtomicInteger();

    /** Default settings but cheap BCrypt and a rate limit no ordinary test reaches. */
    public ChatFixture() {
        this(ChatSettings.defaults().withBcryptCost(4).withRateLimit(1_000, 1_000));
    }

    public ChatFixture(ChatSettings settings) {
        this.settings = settings;
        this.storage = ChatStorage.inMemory(clock);
        this.core = ChatCore.create(settings,
                new ChatCore.Dependencies(storage, broadcaster, tutor, speech, audio, ids, clock));
    }

    public Room publicRoom(String creator) {
        return publicRoom(creator, null);
    }

    public Room publicRoom(String creator, Integer maxMembers) {
        return core.createRoom().createRoom(
                new CreateRoomCommand("Small talk", "Everyday English", Level.BEGINNER, maxMembers, false, null, creator));
    }

    public Room privateRoom(String creator, String password) {
        return core.createRoom().createRoom(
                new CreateRoomCommand("Study group", null, Level.ADVANCED, null, true, password, creator));
    }

    public JoinedRoom join(String roomId, String userId) {
        return join(roomId, userId, null);
    }

    public JoinedRoom join(String roomId, String userId, String password) {
        return core.joinRoom().joinRoom(new JoinRoomCommand(roomId, userId, password));
    }

    public String newConnectionId() {
        return "conn-" + connectionIds.incrementAndGet();
    }

    /** Joins (or rejoins) and opens a WebSocket connection with the token. */
    public Connection connect(String roomId, String userId) {
        return connectWith(join(roomId, userId).token().token());
    }

    public Connection connectWith(String roomToken) {
        return core.connections().connect(newConnectionId(), roomToken);
    }

    public SaveOutcome sendFrame(Connection connection, String content) {
        return core.sendMessage().sendMessage(
                new SendMessageCommand(connection.connectionId(), null, null, content, null, null));
    }

    /** Sends a TEXT message that must be stored, and returns it. */
    public ChatMessage send(Connection connection, String content) {
        return ((SaveOutcome.Stored) sendFrame(connection, content)).message();
    }

    public Room room(String roomId) {
        return core.roomQueries().getRoom(roomId);
    }

    /** Every stored message of the room, newest first, read straight from storage. */
    public List<ChatMessage> storedMessages(String roomId) {
        return storage.messages().listByRoom(roomId, PageRequest.first(1_000)).items();
    }
}
