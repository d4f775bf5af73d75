package com.englishstudy.chat.ports.http;

import com.englishstudy.chat.domain.common.ChatException;

/** The contract's error-to-status table (SPEC 2). */
public final class ErrorStatus {
    private ErrorStatus() {}

    public static int of(ChatException e) {
        return switch (e) {
            case ChatException.InvalidInput x -> 400;
            case ChatException.Unauthorized x -> 401;
            case ChatException.Forbidden x -> 403;
            case ChatException.NotFound x -> 404;
            case ChatException.Conflict x -> 409;
            case ChatException.RateLimited x -> 429;
            case ChatException.ProviderFailed p -> p.unavailable() ? 503 : 502;
        };
    }
}
