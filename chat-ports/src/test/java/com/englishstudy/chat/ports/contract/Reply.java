package com.englishstudy.chat.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP response as a user sees it, with the envelope checks of SPEC 2.
 *
 * @param json the parsed body; null when the body is not JSON
 */
public record Reply(String request, int status, String contentType, String body, JsonNode json) {

    /**
     * Asserts the success envelope {@code {"success": true, "message", "data"}} with this status and message,
     * and returns {@code data}.
     */
    public JsonNode ok(int expectedStatus, String expectedMessage) {
        assertThat(status).as("status of %s", this).isEqualTo(expectedStatus);
        assertJsonEnvelope();
        assertThat(Json.fieldNames(json)).as("success envelope of %s", this)
                .containsExactlyInAnyOrder("success", "message", "data");
        assertThat(json.get("success").isBoolean() && json.get("success").booleanValue()).as("success of %s", this).isTrue();
        assertThat(json.get("message").isTextual()).as("message of %s", this).isTrue();
        assertThat(json.get("message").textValue()).as("message of %s", this).isEqualTo(expectedMessage);
        return json.get("data");
    }

    /** {@link #ok} for a 200 whose data is an object. */
    public JsonNode ok200(String expectedMessage) {
        JsonNode data = ok(200, expectedMessage);
        assertThat(data.isObject()).as("data of %s", this).isTrue();
        return data;
    }

    /**
     * Asserts the failure envelope {@code {"success": false, "error": "<text>"}} with this status, or one of the
     * others where SPEC allows a choice (a failed provider is a 502 or a 503).
     */
    public Reply failed(int expectedStatus, int... orElse) {
        java.util.List<Integer> allowed = new java.util.ArrayList<>(java.util.List.of(expectedStatus));
        for (int other : orElse) allowed.add(other);
        assertThat(status).as("status of %s", this).isIn(allowed);
        assertJsonEnvelope();
        assertThat(Json.fieldNames(json)).as("failure envelope of %s", this).containsExactlyInAnyOrder("success", "error");
        assertThat(json.get("success").isBoolean() && !json.get("success").booleanValue()).as("success of %s", this).isTrue();
        assertThat(json.get("error").isTextual() && !json.get("error").textValue().isBlank())
                .as("error of %s", this).isTrue();
        assertThat(body).as("no internal detail in %s", this).doesNotContain("Exception", "\tat ", "java.");
        return this;
    }

    public String error() {
        return json == null ? null : json.path("error").asText(null);
    }

    private void assertJsonEnvelope() {
        assertThat(contentType).as("Content-Type of %s", this).isNotNull();
        assertThat(contentType.toLowerCase(java.util.Locale.ROOT)).as("Content-Type of %s", this)
                .startsWith("application/json");
        assertThat(json).as("JSON body of %s", this).isNotNull();
        assertThat(json.isObject()).as("JSON object body of %s", this).isTrue();
    }

    @Override
    public String toString() {
        String shown = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "..." : body;
        return request + " -> " + status + " " + shown;
    }
}
