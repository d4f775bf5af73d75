package com.englishstudy.chat.domain.fakes;

import com.englishstudy.chat.domain.voice.AudioStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps audio in a map and links to it on a made-up host. Thread-safe. */
public final class FakeAudioStore implements AudioStore {
    public record Stored(byte[] audio, String contentType) {}

    private final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private final List<String> deletedPrefixes = new ArrayList<>();
    private volatile RuntimeException failure;

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public void put(String key, byte[] audio, String contentType) {
        if (failure != null) throw failure;
        objects.put(key, new Stored(audio.clone(), contentType));
    }

    @Override
    public URI linkTo(String key) {
        return URI.create("https://audio.test/" + key + "?expires=300");
    }

    @Override
    public synchronized void deleteByPrefix(String prefix) {
        deletedPrefixes.add(prefix);
        objects.keySet().removeIf(k -> k.startsWith(prefix));
    }

    public Map<String, Stored> objects() {
        return Map.copyOf(objects);
    }

    public synchronized List<String> deletedPrefixes() {
        return List.copyOf(deletedPrefixes);
    }
}
