package com.englishstudy.chat.domain;

import com.englishstudy.chat.domain.common.Ids;
import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.ConnectionLifecycle;
import com.englishstudy.chat.domain.connection.RateLimiter;
import com.englishstudy.chat.domain.message.MessagePublisher;
import com.englishstudy.chat.domain.message.MessageQueries;
import com.englishstudy.chat.domain.message.RoomSequencer;
import com.englishstudy.chat.domain.message.SendMessageUseCase;
import com.englishstudy.chat.domain.room.CreateRoomUseCase;
import com.englishstudy.chat.domain.room.DeleteRoomUseCase;
import com.englishstudy.chat.domain.room.JoinRoomUseCase;
import com.englishstudy.chat.domain.room.LeaveRoomUseCase;
import com.englishstudy.chat.domain.room.RoomPasswords;
import com.englishstudy.chat.domain.room.RoomPurge;
import com.englishstudy.chat.domain.room.RoomQueries;
import com.englishstudy.chat.domain.tutor.AskTutorUseCase;
import com.englishstudy.chat.domain.tutor.Tutor;
import com.englishstudy.chat.domain.voice.AudioStore;
import com.englishstudy.chat.domain.voice.ReadAloudUseCase;
import com.englishstudy.chat.domain.voice.SpeechSynthesizer;
import java.time.Clock;

/** Every use case of the chat, wired to one set of driven ports. A runtime's composition root builds one. */
public record ChatCore(
        ChatSettings settings,
        CreateRoomUseCase createRoom,
        RoomQueries roomQueries,
        JoinRoomUseCase joinRoom,
        LeaveRoomUseCase leaveRoom,
        DeleteRoomUseCase deleteRoom,
        MessageQueries messageQueries,
        SendMessageUseCase sendMessage,
        ConnectionLifecycle connections,
        AskTutorUseCase askTutor,
        ReadAloudUseCase readAloud) {

    /** The driven side: what the core needs from the world. */
    public record Dependencies(ChatStorage storage, Broadcaster broadcaster, Tutor tutor,
                               SpeechSynthesizer speech, AudioStore audio, Ids ids, Clock clock) {}

    public static ChatCore create(ChatSettings settings, Dependencies deps) {
        var storage = deps.storage();
        var clock = deps.clock();
        var passwords = new RoomPasswords(settings.bcryptCost());
        var rateLimiter = new RateLimiter(settings.rateLimitPerSecond(), settings.rateLimitBurst());
        var publisher = new MessagePublisher(storage.messages(), storage.rooms(), storage.connections(),
                deps.broadcaster(), new RoomSequencer(1024), deps.ids(), clock);
        var purge = new RoomPurge(storage.connections(), storage.messages(), storage.tokens(), deps.audio(),
                deps.broadcaster(), clock);
        return new ChatCore(
                settings,
                new CreateRoomUseCase(storage.rooms(), passwords, settings, deps.ids(), clock),
                new RoomQueries(storage.rooms()),
                new JoinRoomUseCase(storage.rooms(), storage.tokens(), storage.connections(), deps.broadcaster(),
                        passwords, settings, deps.ids(), clock),
                new LeaveRoomUseCase(storage.rooms(), storage.connections(), deps.broadcaster(), purge, clock),
                new DeleteRoomUseCase(storage.rooms(), purge),
                new MessageQueries(storage.messages(), storage.rooms()),
                new SendMessageUseCase(storage.connections(), publisher, rateLimiter, settings, clock,
                        System::nanoTime),
                new ConnectionLifecycle(storage.tokens(), storage.rooms(), storage.connections(), rateLimiter,
                        settings, clock),
                new AskTutorUseCase(storage.rooms(), storage.messages(), publisher, deps.tutor()),
                new ReadAloudUseCase(storage.messages(), storage.rooms(), deps.speech(), deps.audio()));
    }
}
