package com.englishstudy.chat.local.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.local.voice.InMemoryAudioStore.Fetch;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryAudioStoreTest {
    private static final byte[] SECRET = "a test secret of at least 16 bytes".getBytes(StandardCharsets.UTF_8);
    private static final String KEY = "voice/room-1/msg-1/female.wav";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-09T10:00:00Z"));
    private final InMemoryAudioStore store = new InMemoryAudioStore(() -> URI.create("http://localhost:8080/"),
            1_000, Duration.ofMinutes(15), SECRET, clock);

    @Test
    void aLinkOpensTheAudioUntilItExpires() {
        byte[] audio = bytes(100, 7);
        store.put(KEY, audio, "audio/wav");

        URI link = store.linkTo(KEY);

        assertThat(link.toString()).startsWith("http://localhost:8080/audio/voice/room-1/msg-1/female.wav?expires=");
        Map<String, String> query = query(link);
        assertThat(query.get("expires")).isEqualTo(String.valueOf(clock.instant().plusSeconds(900).getEpochSecond()));
        assertThat(store.open(KEY, query.get("expires"), query.get("sig")))
                .isInstanceOfSatisfying(Fetch.Found.class, found -> {
                    assertThat(found.audio()).isEqualTo(audio);
                    assertThat(found.contentType()).isEqualTo("audio/wav");
                });

        clock.advance(Duration.ofMinutes(15));
        assertThat(store.open(KEY, query.get("expires"), query.get("sig"))).isInstanceOf(Fetch.Found.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.open(KEY, query.get("expires"), query.get("sig")))
                .isEqualTo(new Fetch.Refused("The audio link has expired"));
    }

    @Test
    void aTamperedLinkIsRefused() {
        store.put(KEY, bytes(10, 1), "audio/wav");
        store.put("voice/room-1/msg-1/male.wav", bytes(10, 2), "audio/wav");
        Map<String, String> query = query(store.linkTo(KEY));
        String expires = query.get("expires");
        String sig = query.get("sig");
        String later = String.valueOf(Long.parseLong(expires) + 3600);
        String otherSig = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

        assertThat(store.open("voice/room-1/msg-1/male.wav", expires, sig)).isInstanceOf(Fetch.Refused.class);
        assertThat(store.open(KEY, later, sig)).isInstanceOf(Fetch.Refused.class);
        assertThat(store.open(KEY, expires, otherSig)).isInstanceOf(Fetch.Refused.class);
        assertThat(store.open(KEY, expires, "")).isInstanceOf(Fetch.Refused.class);
        assertThat(store.open(KEY, "-1", sig)).isEqualTo(new Fetch.Refused("The audio link is malformed"));
        assertThat(store.open(KEY, "99999999999999999999999", sig)).isInstanceOf(Fetch.Refused.class);
        assertThat(store.open(KEY, null, null)).isInstanceOf(Fetch.Refused.class);
    }

    @Test
    void aLinkMadeWithAnotherSecretIsRefused() {
        InMemoryAudioStore other = new InMemoryAudioStore(() -> null, 1_000, Duration.ofMinutes(15),
                "another secret, also 16 bytes+".getBytes(StandardCharsets.UTF_8), clock);
        store.put(KEY, bytes(10, 1), "audio/wav");

        Map<String, String> forged = query(other.linkTo(KEY));

        assertThat(store.open(KEY, forged.get("expires"), forged.get("sig"))).isInstanceOf(Fetch.Refused.class);
    }

    @Test
    void theLeastRecentlyUsedAudioIsEvictedToStayWithinTheBound() {
        store.put("a", bytes(400, 1), "audio/wav");
        store.put("b", bytes(400, 2), "audio/wav");
        Map<String, String> a = query(store.linkTo("a"));
        Map<String, String> b = query(store.linkTo("b"));
        assertThat(store.open("a", a.get("expires"), a.get("sig"))).isInstanceOf(Fetch.Found.class);

        store.put("c", bytes(400, 3), "audio/wav");

        assertThat(store.totalBytes()).isEqualTo(800);
        assertThat(store.open("b", b.get("expires"), b.get("sig"))).isEqualTo(new Fetch.Missing());
        assertThat(store.open("a", a.get("expires"), a.get("sig"))).isInstanceOf(Fetch.Found.class);
    }

    @Test
    void replacingAKeyCountsItsBytesOnce() {
        store.put("a", bytes(600, 1), "audio/wav");
        store.put("a", bytes(700, 2), "audio/wav");

        assertThat(store.totalBytes()).isEqualTo(700);
    }

    @Test
    void audioLargerThanTheWholeStoreIsRefused() {
        assertThatThrownBy(() -> store.put("big", bytes(1_001, 1), "audio/wav"))
                .isInstanceOfSatisfying(ChatException.ProviderFailed.class, e -> assertThat(e.unavailable()).isFalse());
    }

    @Test
    void deleteByPrefixRemovesOnlyThatRoomsAudio() {
        store.put("voice/room-1/m1/female.wav", bytes(10, 1), "audio/wav");
        store.put("voice/room-1/m2/male.wav", bytes(10, 2), "audio/wav");
        store.put("voice/room-10/m1/female.wav", bytes(10, 3), "audio/wav");

        store.deleteByPrefix("voice/room-1/");

        assertThat(store.totalBytes()).isEqualTo(10);
        Map<String, String> kept = query(store.linkTo("voice/room-10/m1/female.wav"));
        assertThat(store.open("voice/room-10/m1/female.wav", kept.get("expires"), kept.get("sig"))).isInstanceOf(Fetch.Found.class);
        Map<String, String> gone = query(store.linkTo("voice/room-1/m1/female.wav"));
        assertThat(store.open("voice/room-1/m1/female.wav", gone.get("expires"), gone.get("sig"))).isEqualTo(new Fetch.Missing());
        assertThatThrownBy(() -> store.deleteByPrefix(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutABaseUrlLinksAreRelativeAndOddKeysArePercentEncoded() {
        InMemoryAudioStore relative = new InMemoryAudioStore(() -> null, 1_000, Duration.ofMinutes(15), SECRET, clock);

        URI link = relative.linkTo("voice/room 1/m#1/female.wav");

        assertThat(link.getRawPath()).isEqualTo("/audio/voice/room%201/m%231/female.wav");
        assertThat(link.getPath()).isEqualTo("/audio/voice/room 1/m#1/female.wav");
        assertThat(link.getHost()).isNull();
    }

    @Test
    void theCallerGetsACopyOfTheAudio() {
        byte[] audio = bytes(10, 1);
        store.put(KEY, audio, "audio/wav");
        audio[0] = 42;
        Map<String, String> q = query(store.linkTo(KEY));

        Fetch.Found found = (Fetch.Found) store.open(KEY, q.get("expires"), q.get("sig"));
        found.audio()[1] = 42;

        Fetch.Found again = (Fetch.Found) store.open(KEY, q.get("expires"), q.get("sig"));
        assertThat(again.audio()).isEqualTo(bytes(10, 1));
    }

    private static Map<String, String> query(URI link) {
        Map<String, String> params = new HashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return params;
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) bytes[i] = (byte) (seed * 31 + i);
        return bytes;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
