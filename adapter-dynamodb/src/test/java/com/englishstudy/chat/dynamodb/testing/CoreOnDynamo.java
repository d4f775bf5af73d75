package com.englishstudy.chat.dynamodb.testing;

import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.RandomIds;
import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.tutor.NoTutor;
import com.englishstudy.chat.domain.voice.AudioStore;
import com.englishstudy.chat.domain.voice.NoSpeech;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole chat core wired to DynamoDB storage, with nothing but storage real: the use cases' true call pattern. */
public final class CoreOnDynamo {
    private CoreOnDynamo() {}

    /** Remembers events so tests can see who was told what. */
    public static final class Events implements Broadcaster {
        public final List<RoomEvent> delivered = new ArrayList<>();

        @Override
        public synchronized void deliver(List<Connection> targets, RoomEvent event) {
            if (!targets.isEmpty()) delivered.add(event);
        }

        @Override
        public void close(List<Connection> targets) {}
    }

    public static ChatCore core(DynamoDbClient client, String table, Broadcaster broadcaster) {
        AudioStore noAudio = new AudioStore() {
            @Override
            public void put(String key, byte[] audio, String contentType) {}

            @Override
            public URI linkTo(String key) {
                return URI.create("http://localhost/" + key);
            }

            @Override
            public void deleteByPrefix(String prefix) {}
        };
        return ChatCore.create(ChatSettings.defaults().withBcryptCost(4), new ChatCore.Dependencies(
                DynamoDbStorage.create(client, table), broadcaster, new NoTutor(), new NoSpeech(), noAudio,
                new RandomIds(), Clock.systemUTC()));
    }
}
