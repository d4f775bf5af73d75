package com.englishstudy.chat.lambda.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.lambda.broadcast.ManagementApi;
import com.englishstudy.chat.ports.contract.ChatClient;
import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.SocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** The gateway's {@code @connections} endpoint as the real SDK client sees it, and on the wire. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementEndpointTest {
    private ChatEndpoint endpoint;
    private ChatClient api;
    private ApiGatewayManagementApiClient management;

    @BeforeAll
    void start() {
        endpoint = GatewayRuntime.start(Map.of("BCRYPT_COST", "4"));
        api = new ChatClient(endpoint);
        String self = endpoint.http().toString().replaceAll("/$", "");
        management = ManagementApi.fromEnv(Map.of(ManagementApi.ENDPOINT_VARIABLE, self)).newClient();
    }

    @AfterAll
    void stop() {
        management.close();
        api.close();
        endpoint.close();
    }

    @Test
    void anUnknownConnectionIsGoneForEveryOperation() {
        assertThatThrownBy(() -> management.postToConnection(r -> r.connectionId("bm9uZS1zdWNoLWlk=").data(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.getConnection(r -> r.connectionId("bm9uZS1zdWNoLWlk=")))
                .isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.deleteConnection(r -> r.connectionId("bm9uZS1zdWNoLWlk=")))
                .isInstanceOf(GoneException.class);
    }

    @Test
    void goneIsA410WithTheErrorTypeHeaderAsApiGatewaySendsIt() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(endpoint.http() + "@connections/bm9uZS1zdWNoLWlk%3D"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
    }

    @Test
    void aPostReachesTheSocketAndADeleteClosesIt() {
        String roomId = api.newRoom("host-m");
        SocketClient socket = api.enter(roomId, "host-m");
        // The connection id is the gateway's; a frame posted by the handlers to it is how the client sees events.
        socket.assertAnswersPing();
        String connectionId = connectionIdOf(socket, roomId);

        var described = management.getConnection(r -> r.connectionId(connectionId));
        assertThat(described.connectedAt()).isNotNull();
        assertThat(described.identity().sourceIp()).isEqualTo("127.0.0.1");

        management.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("{\"event\":\"hello\"}")));
        assertThat(socket.awaitEvent("hello").toString()).isEqualTo("{\"event\":\"hello\"}");

        management.deleteConnection(r -> r.connectionId(connectionId));
        socket.awaitClose();
        assertThatThrownBy(() -> management.postToConnection(r -> r.connectionId(connectionId)
                .data(SdkBytes.fromUtf8String("{}")))).isInstanceOf(GoneException.class);
    }

    /** The only connection of the room, as the table holds it. */
    private static String connectionIdOf(SocketClient socket, String roomId) {
        var storage = DynamoDbStorage.create(Dynalite.shared().client(), GatewayRuntime.lastTable());
        var connections = storage.connections().findByRoom(roomId, Instant.now());
        assertThat(connections).hasSize(1);
        return connections.getFirst().connectionId();
    }
}
