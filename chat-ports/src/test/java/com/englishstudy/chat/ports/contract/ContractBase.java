package com.englishstudy.chat.ports.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The root of the black-box contract suite (SPEC.md over real HTTP and WebSocket clients). A runtime runs the
 * suite by subclassing each contract class and implementing {@link #start}; nothing else is runtime-specific.
 *
 * <p>One server per test class, started before its first test with the suite's test settings
 * ({@link #TEST_SETTINGS} plus {@link #serverSettings()}); tests that need other settings start a short-lived
 * server of their own with {@link #withServer}. Tests share the class's server, so each uses its own user ids
 * and rooms ({@link #uid}). Every wait is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class ContractBase {
    /** What every server of the suite gets: cheap BCrypt, so tests of private rooms stay fast. */
    public static final Map<String, String> TEST_SETTINGS = Map.of("BCRYPT_COST", "4");

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /**
     * The runtime's hook: starts a new, empty chat server with these environment variables (the SPEC 8 names:
     * {@code ROOM_TOKEN_TTL_SECONDS}, {@code RATE_LIMIT_PER_SECOND}, {@code BCRYPT_COST}, ...; every other
     * setting at its default) and returns where it listens once it is ready. The runtime adds what only it
     * needs (a free port, a host, a table name). Called once per test class, and again for each
     * {@link #withServer}; every endpoint it returns is closed by the suite.
     */
    protected abstract ChatEndpoint start(Map<String, String> env);

    /** Settings for this class's shared server, on top of {@link #TEST_SETTINGS}. */
    protected Map<String, String> serverSettings() {
        return Map.of();
    }

    /** The shared server of this class, as one user agent sees it. */
    protected ChatClient api;

    @BeforeAll
    final void startSharedServer() {
        api = new ChatClient(startWith(serverSettings()));
    }

    @AfterAll
    final void stopSharedServer() {
        if (api == null) return;
        try {
            api.close();
        } finally {
            api.endpoint().close();
        }
    }

    private ChatEndpoint startWith(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(TEST_SETTINGS);
        env.putAll(settings);
        return start(Map.copyOf(env));
    }

    @FunctionalInterface
    protected interface ServerTest {
        void run(ChatClient client) throws Exception;
    }

    /** Runs {@code test} against a server of its own with these settings, then stops that server. */
    protected void withServer(Map<String, String> settings, ServerTest test) throws Exception {
        ChatEndpoint endpoint = startWith(settings);
        try (ChatClient client = new ChatClient(endpoint)) {
            test.run(client);
        } finally {
            endpoint.close();
        }
    }

    /** A user id or name no other test uses: {@code who-17-3fa9}. Well formed per SPEC 3. */
    protected static String uid(String who) {
        return who + "-" + SEQUENCE.incrementAndGet() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }
}
