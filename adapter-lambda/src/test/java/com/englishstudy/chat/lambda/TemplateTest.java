package com.englishstudy.chat.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.englishstudy.chat.domain.ChatCore;
import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.common.RandomIds;
import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.tutor.NoTutor;
import com.englishstudy.chat.domain.voice.NoSpeech;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.lambda.gateway.GatewayRoutes;
import com.englishstudy.chat.ports.cursor.CursorCodec;
import com.englishstudy.chat.ports.http.ApiRequest;
import com.englishstudy.chat.ports.http.ApiResponse;
import com.englishstudy.chat.ports.http.ChatApi;
import com.englishstudy.chat.ports.json.ChatJson;
import com.englishstudy.chat.ports.socket.ChatSocket;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * template.yaml against the code, read with a real YAML parser: the handlers it names, the routes it declares
 * (SPEC's, each served, each known to the chat API), the environment the code reads, the table as
 * adapter-dynamodb defines it, and the deployment settings the issue asks for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateTest {
    /** SPEC 4's routes as API Gateway route keys. */
    static final Set<String> SPEC_HTTP_ROUTES = Set.of("POST /rooms", "GET /rooms", "GET /rooms/{roomId}",
            "POST /rooms/{roomId}/join", "POST /rooms/{roomId}/leave", "DELETE /rooms/{roomId}",
            "GET /rooms/{roomId}/messages", "GET /users/{userId}/messages", "POST /rooms/{roomId}/ai",
            "POST /messages/{messageId}/voice", "GET /health");
    /** SPEC 5: the connect and close of a socket, and the client's actions. */
    static final Set<String> SPEC_WEBSOCKET_ROUTES = Set.of("$connect", "$disconnect", "sendMessage", "ping");

    /** Read by the code, deliberately not set by the template, and why. */
    static final Map<String, String> LEFT_TO_DEFAULT = Map.ofEntries(
            Map.entry("DYNAMODB_ENDPOINT", "a local stand-in; absent means the region's DynamoDB"),
            Map.entry("DYNAMODB_CREATE_TABLE", "for local engines; the template creates the table"),
            Map.entry("S3_ENDPOINT", "a local stand-in"),
            Map.entry("BEDROCK_ENDPOINT", "a local stand-in"),
            Map.entry("POLLY_ENDPOINT", "a local stand-in"),
            Map.entry("AWS_ACCESS_KEY_ID", "set by the Lambda runtime"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "set by the Lambda runtime"),
            Map.entry("AWS_SESSION_TOKEN", "set by the Lambda runtime"),
            Map.entry("AWS_PROFILE", "a developer's machine"),
            Map.entry("AWS_WEB_IDENTITY_TOKEN_FILE", "other hosts' credentials"),
            Map.entry("AWS_CONTAINER_CREDENTIALS_FULL_URI", "set by the Lambda runtime under SnapStart"),
            Map.entry("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "other hosts' credentials"));

    private JsonNode template;
    private JsonNode resources;

    @BeforeAll
    void read() throws Exception {
        template = new YAMLMapper().readTree(Files.readString(Path.of("template.yaml")));
        resources = template.path("Resources");
    }

    private Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new TreeMap<>();
        resources.properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) found.put(e.getKey(), e.getValue());
        });
        return found;
    }

    private static String ref(JsonNode node) {
        return node.path("Ref").asText(null);
    }

    /** The function logical id of a route's integration, whichever way its URI names the alias. */
    private String functionOf(JsonNode route) {
        Matcher target = Pattern.compile("integrations/\\$\\{(\\w+)}").matcher(route.at("/Properties/Target/Fn::Sub").asText());
        assertThat(target.matches()).as("target of %s", route).isTrue();
        JsonNode uri = resources.path(target.group(1)).at("/Properties/IntegrationUri");
        String alias = uri.has("Ref") ? ref(uri) : uri.path("Fn::Sub").asText();
        Matcher function = Pattern.compile("(\\w+)\\.Alias").matcher(alias);
        assertThat(function.find()).as("integration %s invokes a function alias", target.group(1)).isTrue();
        return function.group(1);
    }

    private String handlerClassOf(String function) {
        String handler = resources.path(function).at("/Properties/Handler").asText();
        assertThat(handler).endsWith("::handleRequest");
        return handler.substring(0, handler.indexOf("::"));
    }

    private Map<String, String> routes(String api) {
        Map<String, String> routes = new TreeMap<>();
        ofType("AWS::ApiGatewayV2::Route").values().stream()
                .filter(r -> api.equals(ref(r.at("/Properties/ApiId"))))
                .forEach(r -> routes.put(r.at("/Properties/RouteKey").asText(),
                        simpleName(handlerClassOf(functionOf(r)))));
        return routes;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    // ---- functions ----------------------------------------------------------------------------------------------

    @Test
    void everyHandlerNamedExistsAndIsARequestHandlerTheRuntimeCanMake() throws Exception {
        Map<String, JsonNode> functions = ofType("AWS::Serverless::Function");
        assertThat(functions.values().stream().map(f -> simpleName(f.at("/Properties/Handler").asText().split("::")[0])))
                .containsExactlyInAnyOrder("ChatRoomHandler", "ChatMessageHandler", "ChatAIHandler", "ChatVoiceHandler",
                        "WebSocketConnectHandler", "WebSocketMessageHandler", "WebSocketDisconnectHandler");
        for (String function : functions.keySet()) {
            Class<?> handler = Class.forName(handlerClassOf(function));
            assertThat(RequestHandler.class).as(function).isAssignableFrom(handler);
            assertThat(handler.getConstructor()).as("%s has the public no-argument constructor Lambda calls", handler).isNotNull();
        }
    }

    @Test
    void everyFunctionIsJava21WithSnapStartOnAPublishedAliasOfTheDeployableJar() {
        JsonNode globals = template.at("/Globals/Function");
        assertThat(globals.path("Runtime").asText()).isEqualTo("java21");
        assertThat(globals.path("AutoPublishAlias").asText()).isNotBlank();
        assertThat(globals.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(globals.path("CodeUri").asText()).isEqualTo("target/chat-lambda.jar");
        for (JsonNode function : ofType("AWS::Serverless::Function").values()) {
            assertThat(function.path("Properties").has("SnapStart")).as("no function overrides SnapStart").isFalse();
            assertThat(function.path("Properties").has("CodeUri")).isFalse();
        }
    }

    // ---- routes -------------------------------------------------------------------------------------------------

    @Test
    void theHttpApiServesEverySpecRouteAndRoutesAsTheLocalGatewayDoes() {
        Map<String, String> declared = routes("HttpApi");
        assertThat(declared.keySet()).containsAll(SPEC_HTTP_ROUTES);
        assertThat(declared.keySet()).as("only SPEC's routes and the catch-all")
                .containsExactlyInAnyOrderElementsOf(union(SPEC_HTTP_ROUTES, Set.of("$default")));
        Map<String, String> gateway = GatewayRoutes.HTTP.stream()
                .collect(Collectors.toMap(GatewayRoutes.HttpRoute::routeKey, GatewayRoutes.HttpRoute::function));
        assertThat(declared).isEqualTo(new TreeMap<>(gateway));
        assertThat(resources.at("/HttpApi/Properties/ProtocolType").asText()).isEqualTo("HTTP");
        ofType("AWS::ApiGatewayV2::Integration").values().stream()
                .filter(i -> "HttpApi".equals(ref(i.at("/Properties/ApiId"))))
                .forEach(i -> assertThat(i.at("/Properties/PayloadFormatVersion").asText()).isEqualTo("2.0"));
    }

    @Test
    void specDocumentListsTheSameHttpRoutesWhenItIsBesideTheRepository() throws Exception {
        Path spec = Path.of("..", "..", "shared", "SPEC.md");
        if (!Files.isRegularFile(spec)) return;
        Set<String> headings = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^### (GET|POST|DELETE|PUT|PATCH) (/[^\\s?]*)").matcher(Files.readString(spec));
        while (heading.find()) headings.add(heading.group(1) + " " + heading.group(2));
        assertThat(headings).containsExactlyInAnyOrderElementsOf(SPEC_HTTP_ROUTES);
    }

    @Test
    void theWebSocketApiRoutesByActionAndAnswersTheSenderOnItsMessageRoutes() {
        assertThat(resources.at("/WebSocketApi/Properties/ProtocolType").asText()).isEqualTo("WEBSOCKET");
        assertThat(resources.at("/WebSocketApi/Properties/RouteSelectionExpression").asText()).isEqualTo("$request.body.action");
        Map<String, String> declared = routes("WebSocketApi");
        assertThat(declared.keySet()).containsAll(SPEC_WEBSOCKET_ROUTES).contains("$default");
        assertThat(declared).isEqualTo(new TreeMap<>(GatewayRoutes.WEBSOCKET));

        Set<String> twoWay = new HashSet<>();
        for (JsonNode response : ofType("AWS::ApiGatewayV2::RouteResponse").values()) {
            JsonNode route = resources.path(ref(response.at("/Properties/RouteId")));
            assertThat(route.at("/Properties/RouteResponseSelectionExpression").asText()).isEqualTo("$default");
            assertThat(response.at("/Properties/RouteResponseKey").asText()).isEqualTo("$default");
            twoWay.add(route.at("/Properties/RouteKey").asText());
        }
        assertThat(twoWay).containsExactlyInAnyOrderElementsOf(GatewayRoutes.WEBSOCKET_TWO_WAY);
    }

    @Test
    void everyTemplateRouteIsKnownToTheChatApiAndTheChatSocket() {
        ChatCore core = ChatCore.create(ChatSettings.defaults().withBcryptCost(4), new ChatCore.Dependencies(
                ChatStorage.inMemory(Clock.systemUTC()), new SilentBroadcaster(), new NoTutor(), new NoSpeech(),
                new AwsProviders.NoAudio(), new RandomIds(), Clock.systemUTC()));
        ChatApi api = new ChatApi(core, CursorCodec.withRandomKey(), Map::of);
        String noSuchRoute = ChatJson.failure("No such route");
        for (String routeKey : routes("HttpApi").keySet()) {
            if (routeKey.equals("$default")) {
                ApiResponse unknown = api.handle(new ApiRequest("GET", "/no/such/route", Map.of(), null, null));
                assertThat(unknown.status()).isEqualTo(404);
                assertThat(unknown.json()).isEqualTo(noSuchRoute);
                continue;
            }
            String method = routeKey.substring(0, routeKey.indexOf(' '));
            String path = routeKey.substring(routeKey.indexOf(' ') + 1).replaceAll("\\{\\w+}", "x-1");
            byte[] body = method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null;
            ApiResponse response = api.handle(new ApiRequest(method, path, Map.of(), body, null));
            assertThat(response.json()).as("%s is a route of ChatApi", routeKey).isNotEqualTo(noSuchRoute);
        }
        ChatSocket socket = new ChatSocket(core);
        for (String routeKey : routes("WebSocketApi").keySet()) {
            if (routeKey.startsWith("$")) continue;
            List<String> answer = socket.onFrame("no-such-connection", "{\"action\":\"" + routeKey + "\"}");
            assertThat(answer).as("%s is an action of ChatSocket", routeKey).noneMatch(f -> f.contains("Unknown action"));
        }
        assertThat(socket.onFrame("no-such-connection", "{\"action\":\"dance\"}").getFirst()).contains("Unknown action");
    }

    // ---- configuration ------------------------------------------------------------------------------------------

    @Test
    void everyVariableTheCodeReadsIsSetOrDeliberatelyLeftToItsDefault() {
        RecordingEnv env = new RecordingEnv(Map.of(
                "WEBSOCKET_MANAGEMENT_ENDPOINT", "https://abc.execute-api.ap-northeast-2.amazonaws.com/prod",
                "CHAT_BUCKET_NAME", "bucket", "BEDROCK_MODEL_ID", "model", "CURSOR_SECRET", "0123456789abcdef"));
        ChatLambda.fromEnvironment(env).close();
        Set<String> read = env.read();
        Set<String> set = new TreeSet<>();
        template.at("/Globals/Function/Environment/Variables").fieldNames().forEachRemaining(set::add);
        ofType("AWS::Serverless::Function").values().forEach(f ->
                f.at("/Properties/Environment/Variables").fieldNames().forEachRemaining(set::add));

        assertThat(read).as("variables the composition root reads").contains("CHAT_TABLE_NAME", "CURSOR_SECRET",
                "WEBSOCKET_MANAGEMENT_ENDPOINT", "ROOM_TOKEN_TTL_SECONDS", "AWS_REGION_NAME");
        Set<String> unset = new TreeSet<>(read);
        unset.removeAll(set);
        unset.removeAll(LEFT_TO_DEFAULT.keySet());
        assertThat(unset).as("read by the code, but neither set by template.yaml nor in LEFT_TO_DEFAULT").isEmpty();
        Set<String> unread = new TreeSet<>(set);
        unread.removeAll(read);
        assertThat(unread).as("set by template.yaml, but read by nothing").isEmpty();

        assertThat(template.at("/Parameters/CursorSecret/NoEcho").asBoolean()).isTrue();
        assertThat(ref(template.at("/Globals/Function/Environment/Variables/CURSOR_SECRET"))).isEqualTo("CursorSecret");
        assertThat(ref(template.at("/Globals/Function/Environment/Variables/CHAT_TABLE_NAME"))).isEqualTo("ChatTable");
        assertThat(ref(template.at("/Globals/Function/Environment/Variables/CHAT_BUCKET_NAME"))).isEqualTo("AudioBucket");
        assertThat(template.at("/Globals/Function/Environment/Variables/WEBSOCKET_MANAGEMENT_ENDPOINT/Fn::Sub").asText())
                .startsWith("https://${WebSocketApi}.execute-api.${AWS::Region}.amazonaws.com/");
    }

    /** Remembers every name asked for; holds the given values. */
    static final class RecordingEnv extends HashMap<String, String> {
        private final Set<String> read = new TreeSet<>();

        RecordingEnv(Map<String, String> values) {
            super(values);
        }

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return super.get(key);
        }

        @Override
        public String getOrDefault(Object key, String fallback) {
            read.add(String.valueOf(key));
            return super.getOrDefault(key, fallback);
        }

        @Override
        public boolean containsKey(Object key) {
            read.add(String.valueOf(key));
            return super.containsKey(key);
        }

        Set<String> read() {
            return read;
        }
    }

    // ---- storage ------------------------------------------------------------------------------------------------

    @Test
    void theTableIsChatTableAsAdapterDynamodbDefinesIt() {
        JsonNode table = resources.at("/ChatTable/Properties");
        CreateTableRequest expected = ChatTable.createTableRequest("ChatTable");
        assertThat(table.path("BillingMode").asText()).isEqualTo(expected.billingModeAsString());
        assertThat(pairs(table.path("AttributeDefinitions"), "AttributeName", "AttributeType")).isEqualTo(
                expected.attributeDefinitions().stream().collect(Collectors.toMap(a -> a.attributeName(),
                        a -> a.attributeTypeAsString(), (a, b) -> a, TreeMap::new)));
        assertThat(pairs(table.path("KeySchema"), "AttributeName", "KeyType")).isEqualTo(
                expected.keySchema().stream().collect(Collectors.toMap(k -> k.attributeName(), k -> k.keyTypeAsString(),
                        (a, b) -> a, TreeMap::new)));
        Map<String, Map<String, String>> indexes = new TreeMap<>();
        table.path("GlobalSecondaryIndexes").forEach(i -> {
            assertThat(i.at("/Projection/ProjectionType").asText()).isEqualTo("ALL");
            indexes.put(i.path("IndexName").asText(), pairs(i.path("KeySchema"), "AttributeName", "KeyType"));
        });
        Map<String, Map<String, String>> expectedIndexes = new TreeMap<>();
        expected.globalSecondaryIndexes().forEach(i -> {
            assertThat(i.projection().projectionTypeAsString()).isEqualTo("ALL");
            expectedIndexes.put(i.indexName(), i.keySchema().stream().collect(Collectors.toMap(k -> k.attributeName(),
                    k -> k.keyTypeAsString(), (a, b) -> a, TreeMap::new)));
        });
        assertThat(indexes).isEqualTo(expectedIndexes);
        assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText()).isEqualTo(ChatTable.TTL);
        assertThat(table.at("/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
    }

    private static Map<String, String> pairs(JsonNode list, String key, String value) {
        Map<String, String> map = new TreeMap<>();
        list.forEach(item -> map.put(item.path(key).asText(), item.path(value).asText()));
        return map;
    }

    @Test
    void theAudioBucketIsPrivateAndExpiresReadAloudFiles() {
        JsonNode bucket = resources.at("/AudioBucket/Properties");
        assertThat(bucket.at("/PublicAccessBlockConfiguration/BlockPublicAcls").asBoolean()).isTrue();
        assertThat(bucket.at("/PublicAccessBlockConfiguration/RestrictPublicBuckets").asBoolean()).isTrue();
        JsonNode rule = bucket.at("/LifecycleConfiguration/Rules/0");
        assertThat(rule.path("Status").asText()).isEqualTo("Enabled");
        assertThat(rule.path("Prefix").asText()).isEqualTo("voice/");
        assertThat(rule.has("ExpirationInDays")).isTrue();
    }

    // ---- security -----------------------------------------------------------------------------------------------

    @Test
    void theJwtAuthorizerExistsOnlyWithIssuerAndAudienceAndGuardsEveryHttpRoute() {
        assertThat(template.at("/Parameters/JwtIssuer/Default").asText("x")).isEmpty();
        assertThat(template.at("/Parameters/JwtAudience/Default").asText("x")).isEmpty();
        String condition = template.at("/Conditions/HasJwtAuthorizer").toString();
        assertThat(condition).contains("JwtIssuer").contains("JwtAudience");
        JsonNode authorizer = resources.path("HttpJwtAuthorizer");
        assertThat(authorizer.path("Condition").asText()).isEqualTo("HasJwtAuthorizer");
        assertThat(authorizer.at("/Properties/AuthorizerType").asText()).isEqualTo("JWT");
        assertThat(ref(authorizer.at("/Properties/JwtConfiguration/Issuer"))).isEqualTo("JwtIssuer");
        ofType("AWS::ApiGatewayV2::Route").values().stream()
                .filter(r -> "HttpApi".equals(ref(r.at("/Properties/ApiId"))))
                .forEach(r -> assertThat(r.at("/Properties/AuthorizationType/Fn::If").toString())
                        .isEqualTo("[\"HasJwtAuthorizer\",\"JWT\",\"NONE\"]"));
    }

    @Test
    void eachFunctionMayDoOnlyWhatItsRequestsNeed() {
        Set<String> reads = Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem");
        Map<String, Set<String>> actions = new LinkedHashMap<>();
        ofType("AWS::Serverless::Function").forEach((name, function) -> {
            Set<String> granted = new TreeSet<>();
            function.at("/Properties/Policies").forEach(policy -> policy.path("Statement").forEach(statement -> {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                statement.path("Action").forEach(a -> granted.add(a.asText()));
                assertThat(statement.path("Resource").toString()).as("%s: no statement on every resource but Polly's", name)
                        .satisfiesAnyOf(r -> assertThat(r).isNotEqualTo("\"*\""),
                                r -> assertThat(granted).contains("polly:SynthesizeSpeech"));
            }));
            assertThat(granted).as(name).noneMatch(a -> a.endsWith("*"));
            actions.put(name, granted);
        });
        assertThat(actions.get("ChatMessageFunction")).containsExactlyInAnyOrderElementsOf(reads);
        assertThat(actions.get("WebSocketDisconnectFunction")).containsExactly("dynamodb:DeleteItem");
        Set<String> broadcasting = Set.of("ChatRoomFunction", "ChatAIFunction", "WebSocketMessageFunction");
        actions.forEach((name, granted) -> assertThat(granted.contains("execute-api:ManageConnections"))
                .as("%s may post to connections", name).isEqualTo(broadcasting.contains(name)));
        assertThat(actions.get("ChatAIFunction")).contains("bedrock:InvokeModel");
        assertThat(actions.get("ChatVoiceFunction")).contains("polly:SynthesizeSpeech", "s3:PutObject");
        actions.forEach((name, granted) -> {
            if (!name.equals("ChatAIFunction")) assertThat(granted).as(name).doesNotContain("bedrock:InvokeModel");
            if (!name.equals("ChatVoiceFunction")) assertThat(granted).as(name).doesNotContain("polly:SynthesizeSpeech", "s3:PutObject");
        });
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static final class SilentBroadcaster implements Broadcaster {
        @Override
        public void deliver(List<Connection> targets, RoomEvent event) {
        }

        @Override
        public void close(List<Connection> targets) {
        }
    }

}
