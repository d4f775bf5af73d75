package com.englishstudy.chat.ports.http;

/** A status and a JSON body in UTF-8; every response of the chat API has {@code Content-Type: application/json}. */
public record ApiResponse(int status, String json) {
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
}
