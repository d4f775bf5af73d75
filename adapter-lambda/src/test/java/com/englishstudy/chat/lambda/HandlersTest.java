package com.englishstudy.chat.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.lambda.broadcast.ManagementApi;
import com.englishstudy.chat.lambda.testing.FakeManagementApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seven handlers with real event objects (samples of API Gateway's JSON, read by the Lambda runtime's
 * serializer), on dynalite, with a stand-in Management API that answers as API Gateway does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandlersTest {
    private FakeManagementApi management;
    private ChatLambda root;
    private ChatStorage storage;
    private String table;

    private ChatRoomHandler rooms;
    private ChatMessageHandler messages;
    private ChatAIHandler ai;
    private ChatVoiceHandler voice;
    private WebSocketConnectHandler connect;
    private WebSocketMessageHandler frames;
    private WebSocketDisconnectHandler disconnect;

    @BeforeAll
    void start() throws Exception {
        management = new FakeManagementApi();
        Dynalite dynalite = Dynalite.shared();
        table = dynalite.newTable("handlers");
        root = ChatLambda.create(Map.of(
                "DYNAMODB_ENDPOINT", dynalite.endpoint().toString(),
                "CHAT_TABLE_NAME", table,
                "BCRYPT_COST", "4",
                ManagementApi.ENDPOINT_VARIABLE, management.endpoint().toString()), Duration.ZERO);
        storage = DynamoDbStorage.create(dynalite.client(), table);
        rooms = new ChatRoomHandler(root);
        messages = new ChatMessageHandler(root);
        ai = new ChatAIHandler(root);
        voice = new ChatVoiceHandler(root);
        connect = new WebSocketConnectHandler(root);
        frames = new WebSocketMessageHandler(root);
        disconnect = new WebSocketDisconnectHandler(root);
    }

    @AfterAll
    void stop() {
        root.close();
        management.close();
        Dynalite.shared().deleteTable(table);
    }

    @BeforeEach
    void forgetCalls() {
        management.clear();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static JsonNode json(String text) {
        try {
            return Events.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
        assertThat(response.getIsBase64Encoded()).isFalse();
        return json(response.getBody());
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return rooms.handleRequest(event, null);
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String newRoom(String creator) {
        var response = call(Events.http("POST", "/rooms", null,
                "{\"name\":\"Room of " + creator + "\",\"level\":\"beginner\",\"createdBy\":\"" + creator + "\"}"));
        assertThat(response.getStatusCode()).isEqualTo(201);
        return body(response).at("/data/roomId").asText();
    }

    private String token(String roomId, String userId) {
        var response = call(Events.http("POST", "/rooms/" + roomId + "/join", null, "{\"userId\":\"" + userId + "\"}"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response).at("/data/roomToken").asText();
    }

    private String connected(String roomId, String userId) {
        String connectionId = unique("conn") + "=";
        var response = connect.handleRequest(Events.connect(connectionId, token(roomId, userId)), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        return connectionId;
    }

    /** A connection that has been open a while, as the table holds it. */
    private String openedMinutesAgo(String roomId, String userId) {
        String connectionId = unique("old") + "=";
        Instant now = Instant.now();
        storage.connections().save(new Connection(connectionId, roomId, userId, now.minus(Duration.ofMinutes(3)),
                now.plus(Duration.ofMinutes(7))));
        return connectionId;
    }

    private boolean stored(String connectionId) {
        return storage.connections().find(connectionId, Instant.now()).isPresent();
    }

    // ---- HTTP API -----------------------------------------------------------------------------------------------

    @Test
    void theSampleCreateRoomEventCreatesARoom() {
        var event = Events.read(Events.sample("http-post"), APIGatewayV2HTTPEvent.class);
        var response = rooms.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode envelope = body(response);
        assertThat(envelope.path("success").asBoolean()).isTrue();
        assertThat(envelope.path("message").asText()).isEqualTo("Room created");
        assertThat(envelope.at("/data/createdBy").asText()).isEqualTo("user123");
    }

    @Test
    void everyHttpHandlerAnswersItsRouteAndTheEnvelopeForOthers() {
        String host = unique("host");
        String roomId = newRoom(host);
        assertThat(messages.handleRequest(Events.http("GET", "/rooms/" + roomId + "/messages", "userId=" + host, null), null)
                .getStatusCode()).isEqualTo(200);
        assertThat(messages.handleRequest(Events.http("GET", "/users/" + host + "/messages", null, null), null)
                .getStatusCode()).isEqualTo(200);
        // No tutor and no bucket are configured here: a clear 503, after the membership check.
        assertThat(ai.handleRequest(Events.http("POST", "/rooms/" + roomId + "/ai", null, "{\"userId\":\"" + host + "\"}"), null)
                .getStatusCode()).isEqualTo(503);
        assertThat(ai.handleRequest(Events.http("POST", "/rooms/" + roomId + "/ai", null, "{\"userId\":\"stranger\"}"), null)
                .getStatusCode()).isEqualTo(403);
        assertThat(voice.handleRequest(Events.http("POST", "/messages/nope/voice", null, "{\"userId\":\"" + host + "\"}"), null)
                .getStatusCode()).isEqualTo(404);
        var unknown = call(Events.http("GET", "/nope", null, null));
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(body(unknown).path("success").asBoolean()).isFalse();
        assertThat(call(Events.http("GET", "/health", null, null)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void jwtClaimsThatDisagreeWithTheBodyAreA403AndChangeNothing() {
        String before = call(Events.http("GET", "/rooms", "limit=20", null)).getBody();
        var forged = rooms.handleRequest(Events.withClaims("alice",
                "{\"name\":\"Forged\",\"level\":\"beginner\",\"createdBy\":\"mallory\"}"), null);
        assertThat(forged.getStatusCode()).isEqualTo(403);
        assertThat(body(forged).path("error").asText()).isNotBlank();
        assertThat(call(Events.http("GET", "/rooms", "limit=20", null)).getBody()).isEqualTo(before);
    }

    @Test
    void jwtSubjectIsTheCallerWhenTheBodyAgreesOrIsSilent() {
        var agreeing = rooms.handleRequest(Events.withClaims("alice-1",
                "{\"name\":\"Mine\",\"level\":\"beginner\",\"createdBy\":\"alice-1\"}"), null);
        assertThat(agreeing.getStatusCode()).isEqualTo(201);
        var silent = rooms.handleRequest(Events.withClaims("alice-2", "{\"name\":\"Mine too\",\"level\":\"beginner\"}"), null);
        assertThat(silent.getStatusCode()).isEqualTo(201);
        assertThat(body(silent).at("/data/createdBy").asText()).isEqualTo("alice-2");
    }

    @Test
    void jwtClaimsDecideWhoseHistoryMayBeRead() {
        ObjectNode sample = Events.sample("http-post-jwt");
        sample.put("rawPath", "/users/bob/messages").put("rawQueryString", "").remove("body");
        ((ObjectNode) sample.at("/requestContext/http")).put("method", "GET").put("path", "/users/bob/messages");
        ((ObjectNode) sample.at("/requestContext/authorizer/jwt/claims")).put("sub", "alice");
        var response = messages.handleRequest(Events.read(sample, APIGatewayV2HTTPEvent.class), null);
        assertThat(response.getStatusCode()).isEqualTo(403);
    }

    @Test
    void claimsWithoutASubjectAreRefused() {
        var response = rooms.handleRequest(Events.withClaims(null,
                "{\"name\":\"Nobody\",\"level\":\"beginner\",\"createdBy\":\"someone\"}"), null);
        assertThat(response.getStatusCode()).isEqualTo(403);
    }

    @Test
    void malformedHttpEventsAreA400Envelope() {
        assertThat(body(rooms.handleRequest(null, null)).path("success").asBoolean()).isFalse();
        assertThat(rooms.handleRequest(null, null).getStatusCode()).isEqualTo(400);
        assertThat(rooms.handleRequest(new APIGatewayV2HTTPEvent(), null).getStatusCode()).isEqualTo(400);
        var noMethod = Events.http("GET", "/health", null, null, e -> ((ObjectNode) e.at("/requestContext/http")).remove("method"));
        assertThat(rooms.handleRequest(noMethod, null).getStatusCode()).isEqualTo(400);
        var badBase64 = Events.http("POST", "/rooms", null, "not base64 at all!", e -> e.put("isBase64Encoded", true));
        assertThat(rooms.handleRequest(badBase64, null).getStatusCode()).isEqualTo(400);
        var badQuery = Events.http("GET", "/rooms", "limit=%zz", null);
        assertThat(rooms.handleRequest(badQuery, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void aBase64BodyIsDecoded() {
        String creator = unique("b64");
        String json = "{\"name\":\"\uD83D\uDE00 room\",\"level\":\"beginner\",\"createdBy\":\"" + creator + "\"}";
        var event = Events.http("POST", "/rooms", null,
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), e -> e.put("isBase64Encoded", true));
        var response = rooms.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(body(response).at("/data/name").asText()).isEqualTo("\uD83D\uDE00 room");
    }

    @Test
    void aRepeatedQueryNameTakesItsFirstValueNotTheCommaJoinedOne() {
        // API Gateway puts "5,7" in queryStringParameters; the raw query string keeps them apart.
        var event = Events.http("GET", "/rooms", "limit=5&limit=7", null,
                e -> e.putObject("queryStringParameters").put("limit", "5,7"));
        var response = rooms.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void aNamedStageIsNotPartOfTheRoute() {
        var event = Events.http("GET", "/prod/health", null, null, e -> ((ObjectNode) e.get("requestContext")).put("stage", "prod"));
        assertThat(rooms.handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }

    // ---- WebSocket API ------------------------------------------------------------------------------------------

    @Test
    void connectWithoutARoomTokenIsA401() {
        APIGatewayV2WebSocketResponse response = connect.handleRequest(Events.connect(unique("c") + "=", null), null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(json(response.getBody()).path("success").asBoolean()).isFalse();
    }

    @Test
    void connectWithAnUnknownOrUsedTokenIsA401() {
        assertThat(connect.handleRequest(Events.connect(unique("c") + "=", "made-up"), null).getStatusCode()).isEqualTo(401);
        String host = unique("host");
        String roomId = newRoom(host);
        String token = token(roomId, host);
        assertThat(connect.handleRequest(Events.connect(unique("c") + "=", token), null).getStatusCode()).isEqualTo(200);
        assertThat(connect.handleRequest(Events.connect(unique("c") + "=", token), null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void theSampleEventsOfTheWebSocketApiAreRead() {
        // The samples' token and connection are unknown here: a refusal, a 401 error frame, and a quiet disconnect.
        APIGatewayV2WebSocketEvent sampleConnect = Events.read(Events.sample("ws-connect"), APIGatewayV2WebSocketEvent.class);
        assertThat(connect.handleRequest(sampleConnect, null).getStatusCode()).isEqualTo(401);
        var sampleMessage = Events.read(Events.sample("ws-message"), APIGatewayV2WebSocketEvent.class);
        var answer = frames.handleRequest(sampleMessage, null);
        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(json(answer.getBody()).path("status").asInt()).isEqualTo(401);
        var sampleDisconnect = Events.read(Events.sample("ws-disconnect"), APIGatewayV2WebSocketEvent.class);
        assertThat(disconnect.handleRequest(sampleDisconnect, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aStoredMessageGoesToTheWholeRoomAndNothingComesBackInTheResponse() {
        String host = unique("host");
        String roomId = newRoom(host);
        String hostConnection = connected(roomId, host);
        String guest = unique("guest");
        String guestConnection = connected(roomId, guest);
        management.clear();

        var response = frames.handleRequest(Events.message(hostConnection, "sendMessage",
                "{\"action\":\"sendMessage\",\"content\":\"Hello everyone!\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isNull();
        assertThat(management.postedTo()).containsExactlyInAnyOrder(hostConnection, guestConnection);
        JsonNode event = json(management.calls().getFirst().body());
        assertThat(event.path("event").asText()).isEqualTo("message");
        assertThat(event.path("content").asText()).isEqualTo("Hello everyone!");
    }

    @Test
    void pingIsAnsweredInTheResponseBody() {
        String host = unique("host");
        String connection = connected(newRoom(host), host);
        var response = frames.handleRequest(Events.message(connection, "ping", "{\"action\":\"ping\"}"), null);
        assertThat(response.getBody()).isEqualTo("{\"event\":\"pong\"}");
        assertThat(management.calls()).isEmpty();
    }

    @Test
    void malformedFramesAndEventsAreAnsweredNotThrown() {
        String host = unique("host");
        String connection = connected(newRoom(host), host);
        for (String frame : new String[] {"{not json", "[]", "{}", "{\"action\":\"dance\"}"}) {
            var response = frames.handleRequest(Events.message(connection, "$default", frame), null);
            assertThat(json(response.getBody()).path("status").asInt()).as(frame).isEqualTo(400);
        }
        var noBody = frames.handleRequest(Events.message(connection, "$default", null), null);
        assertThat(json(noBody.getBody()).path("status").asInt()).isEqualTo(400);
        assertThat(frames.handleRequest(null, null).getStatusCode()).isEqualTo(400);
        assertThat(frames.handleRequest(new APIGatewayV2WebSocketEvent(), null).getStatusCode()).isEqualTo(400);
        assertThat(connect.handleRequest(null, null).getStatusCode()).isEqualTo(400);
        assertThat(disconnect.handleRequest(new APIGatewayV2WebSocketEvent(), null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void aGoneConnectionFoundDuringFanOutIsRemovedAndTheSenderIsNot() {
        String host = unique("host");
        String roomId = newRoom(host);
        String guest = unique("guest");
        token(roomId, guest);
        String sender = openedMinutesAgo(roomId, host);
        String alive = openedMinutesAgo(roomId, guest);
        String gone = openedMinutesAgo(roomId, guest);
        management.markGone(gone);

        var response = frames.handleRequest(Events.message(sender, "sendMessage",
                "{\"action\":\"sendMessage\",\"content\":\"anyone there?\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(management.postedTo()).containsExactlyInAnyOrder(sender, alive, gone);
        assertThat(stored(gone)).as("the gone connection's record").isFalse();
        assertThat(stored(sender)).as("the sender's record").isTrue();
        assertThat(stored(alive)).as("the other live connection's record").isTrue();

        // The next message goes only to those still there.
        management.clear();
        frames.handleRequest(Events.message(sender, "sendMessage", "{\"action\":\"sendMessage\",\"content\":\"again\"}"), null);
        assertThat(management.postedTo()).containsExactlyInAnyOrder(sender, alive);
    }

    @Test
    void disconnectForgetsTheConnectionAndKeepsTheMembership() {
        String host = unique("host");
        String roomId = newRoom(host);
        String connection = connected(roomId, host);
        assertThat(stored(connection)).isTrue();
        assertThat(disconnect.handleRequest(Events.disconnect(connection), null).getStatusCode()).isEqualTo(200);
        assertThat(stored(connection)).isFalse();
        assertThat(body(call(Events.http("GET", "/rooms/" + roomId, null, null))).at("/data/memberIds/0").asText()).isEqualTo(host);
    }

    @Test
    void leavingClosesTheLeaversConnectionsThroughTheManagementApi() {
        String host = unique("host");
        String roomId = newRoom(host);
        String guest = unique("guest");
        String guestConnection = connected(roomId, guest);
        String hostConnection = connected(roomId, host);
        management.clear();
        var left = call(Events.http("POST", "/rooms/" + roomId + "/leave", null, "{\"userId\":\"" + guest + "\"}"));
        assertThat(left.getStatusCode()).isEqualTo(200);
        assertThat(management.calls()).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("DELETE");
            assertThat(c.connectionId()).isEqualTo(guestConnection);
        });
        assertThat(management.calls()).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("POST");
            assertThat(c.connectionId()).isEqualTo(hostConnection);
            assertThat(json(c.body()).path("event").asText()).isEqualTo("presence");
        });
    }
}
