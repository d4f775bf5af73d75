package com.englishstudy.chat.ports.http;

import java.util.Map;

/**
 * One HTTP request as any runtime sees it.
 *
 * @param path            the path as sent, percent-encoding intact (e.g. {@code /rooms/abc/join})
 * @param query           query parameters, decoded; the first value of each name
 * @param body            the raw body; empty when there is none. Runtimes read at most
 *                        {@link ChatApi#MAX_BODY_BYTES} + 1 bytes, so an oversized body is seen as such.
 * @param verifiedSubject the caller's identity when an authorizer has verified it (JWT claim {@code sub}),
 *                        else {@code null}; the core trusts nothing else as identity
 */
public record ApiRequest(String method, String path, Map<String, String> query, byte[] body, String verifiedSubject) {
    public ApiRequest {
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }
}
