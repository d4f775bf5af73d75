package com.englishstudy.chat.domain;

import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.connection.InMemoryConnectionRepository;
import com.englishstudy.chat.domain.message.InMemoryMessageRepository;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.room.InMemoryRoomRepository;
import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.domain.token.InMemoryRoomTokenRepository;
import com.englishstudy.chat.domain.token.RoomTokenRepository;
import java.time.Clock;

/** The four storage ports, which a runtime takes from one place: memory, or one DynamoDB table. */
public record ChatStorage(RoomRepository rooms, MessageRepository messages, ConnectionRepository connections,
                          RoomTokenRepository tokens) {

    public static ChatStorage inMemory(Clock clock) {
        return new ChatStorage(new InMemoryRoomRepository(), new InMemoryMessageRepository(),
                new InMemoryConnectionRepository(), new InMemoryRoomTokenRepository(clock));
    }
}
