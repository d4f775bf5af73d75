package com.englishstudy.chat.domain.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import com.englishstudy.chat.domain.fakes.FakeSpeech;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.DeleteRoomCommand;
import com.englishstudy.chat.domain.room.LeaveRoomCommand;
import com.englishstudy.chat.domain.room.Room;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReadAloudUseCaseTest {
    private final ChatFixture chat = new ChatFixture();
    private final Room room = chat.publicRoom("alice");
    private final Connection alice = chat.connect(room.roomId(), "alice");
    private final ChatMessage message = chat.send(alice, "Nice to meet you!");

    private VoiceReady readAloud(String userId, Voice voice) {
        return chat.core.readAloud().readAloud(new ReadAloudCommand(message.messageId(), userId, voice));
    }

    private String keyOf(Voice voice, String extension) {
        return "voice/" + room.roomId() + "/" + message.messageId() + "/" + voice.wire() + "." + extension;
    }

    @Test
    void theFirstRequestMakesTheSpeechStoresItAndRecordsItsKey() {
        VoiceReady ready = readAloud("alice", null);

        String key = keyOf(Voice.FEMALE, "mp3");
        assertThat(ready).isEqualTo(new VoiceReady(message.messageId(), Voice.FEMALE,
                URI.create("https://audio.test/" + key + "?expires=300"), "audio/mpeg", false));
        assertThat(chat.speech.calls()).isEqualTo(1);
        assertThat(chat.audio.objects()).containsOnlyKeys(key);
        assertThat(new String(chat.audio.objects().get(key).audio(), StandardCharsets.UTF_8))
                .isEqualTo("female:Nice to meet you!");
        assertThat(chat.audio.objects().get(key).contentType()).isEqualTo("audio/mpeg");
        ChatMessage after = chat.storage.messages().find(message.messageId()).orElseThrow();
        assertThat(after.femaleVoiceKey()).isEqualTo(key);
        assertThat(after.maleVoiceKey()).isNull();
    }

    @Test
    void aSecondRequestForTheSameVoiceIsServedFromTheCache() {
        VoiceReady first = readAloud("alice", Voice.FEMALE);

        VoiceReady second = readAloud("alice", Voice.FEMALE);

        assertThat(chat.speech.calls()).isEqualTo(1);
        assertThat(second.cached()).isTrue();
        assertThat(second.audioUrl()).isEqualTo(first.audioUrl());
        assertThat(second.contentType()).isEqualTo("audio/mpeg");
    }

    @Test
    void eachVoiceIsMadeOnce() {
        readAloud("alice", Voice.FEMALE);

        VoiceReady male = readAloud("alice", Voice.MALE);
        VoiceReady maleAgain = readAloud("alice", Voice.MALE);

        assertThat(chat.speech.calls()).isEqualTo(2);
        assertThat(male.cached()).isFalse();
        assertThat(male.voice()).isEqualTo(Voice.MALE);
        assertThat(maleAgain.cached()).isTrue();
        ChatMessage after = chat.storage.messages().find(message.messageId()).orElseThrow();
        assertThat(after.maleVoiceKey()).isEqualTo(keyOf(Voice.MALE, "mp3"));
        assertThat(after.femaleVoiceKey()).isEqualTo(keyOf(Voice.FEMALE, "mp3"));
    }

    @Test
    void anyMemberMayPlayAnotherMembersMessageAndTheCacheIsShared() {
        chat.join(room.roomId(), "bob");
        readAloud("alice", Voice.FEMALE);

        assertThat(readAloud("bob", Voice.FEMALE).cached()).isTrue();
        assertThat(chat.speech.calls()).isEqualTo(1);
    }

    @Test
    void twoRacingRequestsMakeTheSpeechOnce() throws Exception {
        chat.speech.holdCalls();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<VoiceReady> first = CompletableFuture.supplyAsync(() -> readAloud("alice", Voice.MALE), pool);
            assertThat(chat.speech.awaitEntered(10)).as("the first request reached the synthesizer").isTrue();
            AtomicReference<Thread> secondThread = new AtomicReference<>();
            CompletableFuture<VoiceReady> second = CompletableFuture.supplyAsync(() -> {
                secondThread.set(Thread.currentThread());
                return readAloud("alice", Voice.MALE);
            }, pool);
            awaitBlocked(secondThread);
            chat.speech.release();

            VoiceReady a = first.get(10, TimeUnit.SECONDS);
            VoiceReady b = second.get(10, TimeUnit.SECONDS);

            assertThat(chat.speech.calls()).isEqualTo(1);
            assertThat(a.audioUrl()).isEqualTo(b.audioUrl());
            assertThat(a.cached()).isFalse();
            assertThat(b.cached()).isTrue();
            assertThat(chat.audio.objects()).hasSize(1);
        } finally {
            chat.speech.release();
            pool.shutdownNow();
        }
    }

    /** Waits (bounded) until the thread is parked: waiting for the first request, or held in the synthesizer. */
    private static void awaitBlocked(AtomicReference<Thread> holder) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread t = holder.get();
            if (t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) return;
            Thread.onSpinWait();
        }
        throw new AssertionError("the second request never started waiting");
    }

    @Test
    void aProviderFailureRecordsNothingAndTheNextRequestTriesAgain() {
        chat.speech.failWith(new ChatException.ProviderFailed("Polly is down", true, null));

        assertThatThrownBy(() -> readAloud("alice", Voice.FEMALE)).isInstanceOf(ChatException.ProviderFailed.class);
        assertThat(chat.storage.messages().find(message.messageId()).orElseThrow().femaleVoiceKey()).isNull();
        assertThat(chat.audio.objects()).isEmpty();

        chat.speech.failWith(null);
        VoiceReady ready = readAloud("alice", Voice.FEMALE);

        assertThat(ready.cached()).isFalse();
        assertThat(chat.speech.calls()).isEqualTo(2);
    }

    @Test
    void aStoreFailureRecordsNoKey() {
        chat.audio.failWith(new ChatException.ProviderFailed("S3 is down", false, null));

        assertThatThrownBy(() -> readAloud("alice", Voice.FEMALE)).isInstanceOf(ChatException.ProviderFailed.class);

        assertThat(chat.storage.messages().find(message.messageId()).orElseThrow().femaleVoiceKey()).isNull();
    }

    @Test
    void theAudiosTypeComesFromTheSynthesizer() {
        // A local synthesizer that makes WAV, wired into a core of its own.
        ChatFixture local = new ChatFixture();
        ChatCore core = ChatCore.create(local.settings, new ChatCore.Dependencies(local.storage, local.broadcaster,
                local.tutor, new FakeSpeech("audio/wav"), local.audio, local.ids, local.clock));
        Room r = local.publicRoom("alice");
        ChatMessage m = local.send(local.connect(r.roomId(), "alice"), "Hi");

        VoiceReady first = core.readAloud().readAloud(new ReadAloudCommand(m.messageId(), "alice", Voice.FEMALE));
        VoiceReady cached = core.readAloud().readAloud(new ReadAloudCommand(m.messageId(), "alice", Voice.FEMALE));

        assertThat(first.contentType()).isEqualTo("audio/wav");
        assertThat(first.audioUrl().getPath()).endsWith("/female.wav");
        assertThat(cached.contentType()).isEqualTo("audio/wav");
        assertThat(cached.cached()).isTrue();
    }

    @Test
    void nonMembersMayNotPlayAMessage() {
        assertThatThrownBy(() -> readAloud("mallory", Voice.FEMALE)).isInstanceOf(ChatException.Forbidden.class);
        readAloud("alice", Voice.FEMALE);
        assertThatThrownBy(() -> readAloud("mallory", Voice.FEMALE))
                .as("not even from the cache").isInstanceOf(ChatException.Forbidden.class);
        assertThat(chat.speech.calls()).isEqualTo(1);
    }

    @Test
    void aMemberWhoLeftMayNoLongerPlayTheRoomsMessages() {
        chat.join(room.roomId(), "bob");
        chat.core.leaveRoom().leaveRoom(new LeaveRoomCommand(room.roomId(), "bob"));

        assertThatThrownBy(() -> readAloud("bob", Voice.FEMALE)).isInstanceOf(ChatException.Forbidden.class);
        assertThat(chat.speech.calls()).isZero();
    }

    @Test
    void anUnknownMessageIsNotFound() {
        assertThatThrownBy(() -> chat.core.readAloud().readAloud(new ReadAloudCommand("msg-404", "alice", Voice.FEMALE)))
                .isInstanceOf(ChatException.NotFound.class);
        assertThat(chat.speech.calls()).isZero();
    }

    @Test
    void aMessageOfADeletedRoomIsNotFound() {
        chat.core.deleteRoom().deleteRoom(new DeleteRoomCommand(room.roomId(), "alice"));

        assertThatThrownBy(() -> readAloud("alice", Voice.FEMALE)).isInstanceOf(ChatException.NotFound.class);
        assertThat(chat.speech.calls()).isZero();
    }

    @Test
    void theVoiceIsFemaleUnlessMaleIsAskedForInAnyCase() {
        assertThat(Voice.parse(null)).isEqualTo(Voice.FEMALE);
        assertThat(Voice.parse("female")).isEqualTo(Voice.FEMALE);
        assertThat(Voice.parse("MALE")).isEqualTo(Voice.MALE);
        assertThat(Voice.parse(" Male ")).isEqualTo(Voice.MALE);
        assertThatThrownBy(() -> Voice.parse("robot")).isInstanceOf(ChatException.InvalidInput.class);
        assertThat(new ReadAloudCommand("m", "alice", null).voice()).isEqualTo(Voice.FEMALE);
    }
}
