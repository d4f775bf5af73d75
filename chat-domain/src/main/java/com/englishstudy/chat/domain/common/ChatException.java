package com.englishstudy.chat.domain.common;

/**
 * A request the chat refuses, with a message fit for the person who made it.
 * The closed set of subclasses is what drivers map to statuses; anything else thrown is a bug (500).
 */
public abstract sealed class ChatException extends RuntimeException
        permits ChatException.InvalidInput, ChatException.Unauthorized, ChatException.Forbidden,
                ChatException.NotFound, ChatException.Conflict, ChatException.RateLimited,
                ChatException.ProviderFailed {

    private ChatException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** A missing, malformed or out-of-range field, a bad cursor or query parameter. */
    public static final class InvalidInput extends ChatException {
        public InvalidInput(String message) { super(message, null); }
    }

    /** A room token that is unknown, expired or already used; a connection that is gone. */
    public static final class Unauthorized extends ChatException {
        public Unauthorized(String message) { super(message, null); }
    }

    /** Wrong password, not the creator, not a member, or an identity that does not match the caller. */
    public static final class Forbidden extends ChatException {
        public Forbidden(String message) { super(message, null); }
    }

    public static final class NotFound extends ChatException {
        public NotFound(String message) { super(message, null); }
    }

    /** The room is full. */
    public static final class Conflict extends ChatException {
        public Conflict(String message) { super(message, null); }
    }

    public static final class RateLimited extends ChatException {
        public RateLimited(String message) { super(message, null); }
    }

    /**
     * The AI or speech provider failed ({@code unavailable == false}, a bad gateway) or could not be
     * reached in time ({@code unavailable == true}). Nothing was stored when this is thrown.
     */
    public static final class ProviderFailed extends ChatException {
        private final boolean unavailable;

        public ProviderFailed(String message, boolean unavailable, Throwable cause) {
            super(message, cause);
            this.unavailable = unavailable;
        }

        public boolean unavailable() { return unavailable; }
    }
}
