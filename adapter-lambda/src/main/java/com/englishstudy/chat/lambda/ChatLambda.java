package com.englishstudy.chat.lambda;

import com.englishstudy.chat.aws.AwsAi;
import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.common.RandomIds;
import com.englishstudy.chat.dynamodb.DynamoDbConfig;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.table.TableBootstrap;
import com.englishstudy.chat.lambda.broadcast.ManagementApi;
import com.englishstudy.chat.lambda.broadcast.ManagementApiBroadcaster;
import com.englishstudy.chat.ports.cursor.CursorCodec;
import com.englishstudy.chat.ports.http.ChatApi;
import com.englishstudy.chat.ports.socket.ChatSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The production composition root: every object the seven handlers use, built here by hand, in order, from
 * the environment (SPEC 8). No container, no scanning. In AWS it is built once per Lambda container, in
 * static initialisation ({@link Container}); the local gateway builds one per started gateway.
 */
public final class ChatLambda implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatLambda.class.getName());

    private final ChatApi api;
    private final ChatSocket socket;
    private final ManagementApiBroadcaster broadcaster;
    private final AwsAi aws;
    private final List<AutoCloseable> resources;

    private ChatLambda(ChatApi api, ChatSocket socket, ManagementApiBroadcaster broadcaster, AwsAi aws,
                       List<AutoCloseable> resources) {
        this.api = api;
        this.socket = socket;
        this.broadcaster = broadcaster;
        this.aws = aws;
        this.resources = List.copyOf(resources);
    }

    /** As deployed: a room's {@code lastMessageAt} kept to {@link DynamoDbStorage#DEFAULT_ACTIVITY_RESOLUTION}. */
    public static ChatLambda fromEnvironment(Map<String, String> env) {
        return create(env, DynamoDbStorage.DEFAULT_ACTIVITY_RESOLUTION);
    }

    /**
     * @param activityResolution how stale a room's {@code lastMessageAt} may get to save writes (see
     *                           docs/decisions/0005); the local gateway keeps it exact
     * @throws IllegalArgumentException naming the variable whose value cannot be used
     */
    public static ChatLambda create(Map<String, String> env, Duration activityResolution) {
        Clock clock = Clock.systemUTC();
        List<AutoCloseable> resources = new ArrayList<>();
        ChatSettings settings = ChatSettings.fromEnvironment(env);

        DynamoDbConfig table = DynamoDbConfig.fromEnv(env);
        DynamoDbClient dynamo = table.newClient();
        resources.add(dynamo);
        if (table.createTable()) TableBootstrap.ensureTable(dynamo, table.tableName());
        ChatStorage storage = DynamoDbStorage.create(dynamo, table.tableName(), activityResolution);

        // Gone means exactly that connection: its id is the only one the broadcaster reports.
        ManagementApi management = ManagementApi.fromEnv(env);
        var broadcaster = new ManagementApiBroadcaster(management::newClient,
                connectionId -> storage.connections().delete(connectionId), clock);
        resources.add(broadcaster);

        AwsAi aws = AwsAi.fromEnvironment(env);
        resources.add(aws);
        AwsProviders ai = AwsProviders.from(aws);

        ChatCore core = ChatCore.create(settings, new ChatCore.Dependencies(
                storage, broadcaster, ai.tutor(), ai.speech(), ai.audio(), new RandomIds(), clock));
        String cursorSecret = env.get("CURSOR_SECRET");
        if (cursorSecret == null || cursorSecret.isBlank()) {
            LOG.log(System.Logger.Level.WARNING, "CURSOR_SECRET is not set: paging cursors work only within this "
                    + "container; every function of a deployment must share one secret");
        }
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "up");
        health.put("version", Version.current());
        health.put("runtime", "lambda");
        health.put("store", "dynamodb");
        // Nothing that needs storage: health answers even when the table does not, and primes nothing it must not.
        Map<String, Object> facts = Collections.unmodifiableMap(health);
        ChatApi api = new ChatApi(core, CursorCodec.fromSecret(cursorSecret), () -> facts);
        return new ChatLambda(api, new ChatSocket(core), broadcaster, aws, resources);
    }

    public ChatApi api() {
        return api;
    }

    public ChatSocket socket() {
        return socket;
    }

    public ManagementApiBroadcaster broadcaster() {
        return broadcaster;
    }

    /** Builds the AI clients that are configured (no call is made), for the priming hook. */
    void buildProviderClients() {
        if (aws.tutorConfigured()) aws.tutor();
        if (aws.audioStoreConfigured()) {
            aws.speech();
            aws.audioStore();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Could not close " + resource, e);
            }
        }
    }
}
