package com.englishstudy.chat.ports.http;

import com.englishstudy.chat.domain.common.ChatException;

/**
 * Who is calling (SPEC 3). With a verified subject, that is the caller, and a {@code userId} in the request
 * that differs from it is refused; without one (the local runtime), the request's {@code userId} is trusted.
 */
final class Caller {
    private Caller() {}

    static String resolve(ApiRequest request, String claimedUserId) {
        String subject = request.verifiedSubject();
        if (subject == null) return claimedUserId;
        if (claimedUserId != null && !claimedUserId.equals(subject)) {
            throw new ChatException.Forbidden("userId does not match the authenticated user");
        }
        return subject;
    }
}
