package com.englishstudy.chat.lambda.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.javalin.ChatServer;
import com.englishstudy.chat.javalin.ServerConfig;
import com.englishstudy.chat.ports.contract.ChatClient;
import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.Json;
import com.englishstudy.chat.ports.contract.Reply;
import com.englishstudy.chat.ports.contract.SocketClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The same requests and frames, in the same order, to the reference runtime (Javalin, in memory) and to the
 * Lambda handlers behind the local gateway (on dynalite): every status and every JSON body must be the same once
 * ids, tokens, cursors and times are masked. SPEC: "byte for byte the same JSON for the same request".
 */
class SameAnswersAsJavalinTest {
    private static final Set<String> MASKED = Set.of("roomId", "messageId", "createdAt", "lastMessageAt", "roomToken",
            "tokenExpiresAt", "nextCursor");

    @Test
    void theLambdaHandlersAnswerAsTheJavalinServer() throws Exception {
        Map<String, String> settings = Map.of("BCRYPT_COST", "4");
        List<String> javalin = transcript(javalin(settings));
        List<String> lambda = transcript(GatewayRuntime.start(settings));
        // Kept for a person to read: what both runtimes answered.
        Files.write(Path.of("target", "same-answers.txt"), lambda);
        assertThat(lambda).hasSizeGreaterThan(40);
        assertThat(lambda).containsExactlyElementsOf(javalin);
    }

    private static ChatEndpoint javalin(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("CHAT_STORE", "memory");
        ChatServer server = ChatServer.start(ServerConfig.fromEnvironment(env));
        return ChatEndpoint.of(server.baseUri(), URI.create("ws://127.0.0.1:" + server.port() + "/ws"), server::close);
    }

    /** Runs the script against one runtime and writes down each answer, masked. */
    private static List<String> transcript(ChatEndpoint endpoint) {
        List<String> lines = new ArrayList<>();
        try (ChatClient api = new ChatClient(endpoint)) {
            Recorder r = new Recorder(api, lines);
            Reply health = r.raw("GET", "health", null);
            lines.add("GET /health -> " + health.status() + " " + health.json().path("message").asText());

            String roomId = r.call("POST", "rooms", Json.obj("name", "Morning talk", "description", "Before work",
                    "level", "Intermediate", "createdBy", "host-a")).at("/data/roomId").asText();
            String privateId = r.call("POST", "rooms", Json.obj("name", "Secret", "level", "ADVANCED",
                    "isPrivate", true, "password", "s3cret-pass", "maxMembers", 2, "createdBy", "host-a"))
                    .at("/data/roomId").asText();
            for (String bad : List.of("{", "[]", "", "null", "{\"name\":\"x\"}",
                    "{\"name\":\"x\",\"level\":\"expert\",\"createdBy\":\"a\"}",
                    "{\"name\":\"x\",\"level\":\"beginner\",\"createdBy\":\"a b\"}",
                    "{\"name\":\"x\",\"level\":\"beginner\",\"createdBy\":\"ai-tutor\"}",
                    "{\"name\":\"x\",\"level\":\"beginner\",\"createdBy\":\"a\",\"maxMembers\":\"6\"}",
                    "{\"name\":\"x\",\"level\":\"beginner\",\"createdBy\":\"a\",\"isPrivate\":true}")) {
                r.call("POST", "rooms", bad);
            }
            r.call("POST", "rooms", "{\"level\":\"beginner\",\"createdBy\":\"a\",\"name\":\"" + "n".repeat(66_000) + "\"}");
            r.call("GET", "rooms/" + roomId, null);
            r.call("GET", "rooms/no-such-room", null);
            r.call("GET", "rooms?limit=1", null);
            r.call("GET", "rooms?level=advanced", null);
            for (String query : List.of("limit=0", "limit=abc", "joined=true", "level=expert", "cursor=forged", "userId=a%20b")) {
                r.call("GET", "rooms?" + query, null);
            }
            for (String[] route : new String[][] {{"GET", "nope"}, {"PUT", "rooms"}, {"PATCH", "rooms/" + roomId},
                    {"GET", "rooms/" + roomId + "/join"}, {"POST", "users/host-a/messages"}}) {
                r.call(route[0], route[1], route[0].equals("GET") ? null : "{}");
            }

            r.call("POST", "rooms/" + roomId + "/join", Json.obj("userId", "guest-b"));
            r.call("POST", "rooms/" + privateId + "/join", Json.obj("userId", "guest-b", "password", "wrong"));
            r.call("POST", "rooms/" + privateId + "/join", Json.obj("userId", "guest-b", "password", "s3cret-pass"));
            r.call("POST", "rooms/" + privateId + "/join", Json.obj("userId", "third-c", "password", "s3cret-pass"));
            r.call("POST", "rooms/" + roomId + "/join", "{\"userId\": ");
            r.call("GET", "rooms?joined=true&userId=guest-b", null);

            SocketClient host = api.connect(api.token(roomId, "host-a"));
            SocketClient guest = api.connect(api.token(roomId, "guest-b"));
            lines.add("refused upgrade -> " + api.refusedUpgrade("made-up-token"));
            lines.add("refused upgrade without a token -> " + api.refusedUpgrade(null));
            host.sendJson("action", "sendMessage", "content", "Hello, everyone! \uD83D\uDE00", "clientMessageId", "k-1");
            lines.add("guest hears " + mask(guest.awaitMessage("Hello, everyone! \uD83D\uDE00")));
            lines.add("host hears " + mask(host.awaitMessage("Hello, everyone! \uD83D\uDE00")));
            host.sendJson("action", "sendMessage", "content", "again", "clientMessageId", "k-1");
            lines.add("repeat answered with " + mask(host.awaitEvent("message")));
            host.ping();
            lines.add("ping answered with " + host.awaitEvent("pong"));
            for (String frame : List.of("{not json", "[]", "{}", "{\"action\":\"dance\"}",
                    "{\"action\":\"sendMessage\"}", "{\"action\":\"sendMessage\",\"content\":\"x\",\"messageType\":\"AI_RESPONSE\"}",
                    "{\"action\":\"sendMessage\",\"content\":\"x\",\"userId\":\"guest-b\"}",
                    "{\"action\":\"sendMessage\",\"content\":\"" + "a".repeat(2001) + "\"}")) {
                host.send(frame);
                lines.add("frame " + abbreviate(frame) + " -> " + host.awaitEvent("error"));
            }
            guest.say("Hi!");
            lines.add("host hears " + mask(host.awaitMessage("Hi!")));

            r.call("GET", "rooms/" + roomId + "/messages?userId=guest-b", null);
            r.call("GET", "rooms/" + roomId + "/messages?userId=guest-b&limit=1", null);
            r.call("GET", "rooms/" + roomId + "/messages?userId=stranger", null);
            r.call("GET", "rooms/" + roomId + "/messages", null);
            r.call("GET", "users/host-a/messages", null);
            r.call("GET", "users/ai-tutor/messages", null);
            r.call("GET", "rooms/" + roomId, null);
            r.call("POST", "rooms/" + roomId + "/ai", Json.obj("userId", "stranger"));
            r.call("POST", "rooms/" + roomId + "/ai", Json.obj());
            r.call("POST", "rooms/no-such-room/ai", Json.obj("userId", "host-a"));
            r.call("POST", "messages/no-such-message/voice", Json.obj("userId", "host-a"));

            r.call("POST", "rooms/" + roomId + "/leave", Json.obj("userId", "stranger"));
            r.call("POST", "rooms/" + roomId + "/leave", Json.obj("userId", "guest-b"));
            lines.add("guest's socket closed with " + guest.awaitClose());
            lines.add("host hears " + mask(host.awaitEvent("presence")));
            r.call("DELETE", "rooms/" + roomId + "?userId=guest-b", null);
            r.call("DELETE", "rooms/" + roomId + "?userId=host-a", null);
            lines.add("host hears " + mask(host.awaitEvent("room_deleted")));
            lines.add("host's socket closed with " + host.awaitClose());
            r.call("GET", "rooms/" + roomId, null);
            r.call("POST", "rooms/" + privateId + "/leave", Json.obj("userId", "host-a"));
        } finally {
            endpoint.close();
        }
        return lines;
    }

    private record Recorder(ChatClient api, List<String> lines) {
        Reply raw(String method, String path, Object body) {
            byte[] bytes = switch (body) {
                case null -> null;
                case String text -> text.getBytes(StandardCharsets.UTF_8);
                default -> Json.write(body).getBytes(StandardCharsets.UTF_8);
            };
            return api.exchange(method, path, bytes);
        }

        JsonNode call(String method, String path, Object body) {
            Reply reply = raw(method, path, body);
            lines.add(method + " " + abbreviate(path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>")) + " "
                    + abbreviate(String.valueOf(body)) + " -> " + reply.status() + " " + reply.contentType() + " "
                    + (reply.json() == null ? reply.body() : mask(reply.json())));
            return reply.json();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "...(" + s.length() + ")" : s;
    }

    private static JsonNode mask(JsonNode node) {
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (MASKED.contains(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf("<" + field.getKey() + ">"));
                } else {
                    maskInPlace(field.getValue());
                }
            });
        } else if (node.isArray()) {
            node.forEach(SameAnswersAsJavalinTest::maskInPlace);
        }
    }
}
