package com.englishstudy.chat.domain.voice;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomRepository;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a message aloud. Audio is made once per (message, voice) and its key recorded on the message; later
 * requests are served from the store. Requests racing in one process share a single synthesis.
 */
public final class ReadAloudUseCase {
    private final MessageRepository messages;
    private final RoomRepository rooms;
    private final SpeechSynthesizer synthesizer;
    private final AudioStore audio;
    private final ConcurrentHashMap<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    public ReadAloudUseCase(MessageRepository messages, RoomRepository rooms, SpeechSynthesizer synthesizer, AudioStore audio) {
        this.messages = messages;
        this.rooms = rooms;
        this.synthesizer = synthesizer;
        this.audio = audio;
    }

    public VoiceReady readAloud(ReadAloudCommand command) {
        ChatMessage message = messages.find(command.messageId())
                .orElseThrow(() -> new ChatException.NotFound("Message not found"));
        Room room = rooms.find(message.roomId()).orElseThrow(() -> new ChatException.NotFound("Message not found"));
        if (!room.isMember(command.userId())) {
            throw new ChatException.Forbidden("Only members of the message's room may play it");
        }
        String existing = message.voiceKey(command.voice());
        if (existing != null) return ready(message, command.voice(), existing, true);

        String flightKey = message.messageId() + "/" + command.voice().wire();
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(flightKey, mine);
        if (running != null) return ready(message, command.voice(), await(running), true);
        try {
            // A request that finished between our first read and winning the flight has made it already.
            String madeMeanwhile = messages.find(message.messageId()).map(m -> m.voiceKey(command.voice())).orElse(null);
            if (madeMeanwhile != null) {
                mine.complete(madeMeanwhile);
                return ready(message, command.voice(), madeMeanwhile, true);
            }
            String key = synthesizeAndStore(message, command.voice());
            mine.complete(key);
            return ready(message, command.voice(), key, false);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flightKey, mine);
        }
    }

    private String synthesizeAndStore(ChatMessage message, Voice voice) {
        Speech speech = synthesizer.synthesize(message.content(), voice);
        String key = keyFor(message, voice, speech.contentType());
        audio.put(key, speech.audio(), speech.contentType());
        messages.recordVoiceKey(message.messageId(), voice, key);
        return key;
    }

    /** {@code voice/{roomId}/{messageId}/{voice}.{ext}}, the extension telling the audio's type. */
    public static String keyFor(ChatMessage message, Voice voice, String contentType) {
        return "voice/" + message.roomId() + "/" + message.messageId() + "/" + voice.wire() + "." + extensionOf(contentType);
    }

    static String extensionOf(String contentType) {
        return switch (contentType) {
            case "audio/mpeg" -> "mp3";
            case "audio/wav", "audio/x-wav", "audio/wave" -> "wav";
            case "audio/ogg" -> "ogg";
            default -> "bin";
        };
    }

    static String contentTypeOf(String key) {
        if (key.endsWith(".mp3")) return "audio/mpeg";
        if (key.endsWith(".wav")) return "audio/wav";
        if (key.endsWith(".ogg")) return "audio/ogg";
        return "application/octet-stream";
    }

    private VoiceReady ready(ChatMessage message, Voice voice, String key, boolean cached) {
        return new VoiceReady(message.messageId(), voice, audio.linkTo(key), contentTypeOf(key), cached);
    }

    private static String await(CompletableFuture<String> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }
}
