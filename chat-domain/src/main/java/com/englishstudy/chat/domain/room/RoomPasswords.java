package com.englishstudy.chat.domain.room;

import java.nio.charset.StandardCharsets;
import org.mindrot.jbcrypt.BCrypt;

/** BCrypt hashing of private-room passwords; BCrypt reads at most 72 bytes, hence the contract's limit. */
public final class RoomPasswords {
    public static final int MIN_LENGTH = 4;
    public static final int MAX_UTF8_BYTES = 72;

    private final int cost;

    public RoomPasswords(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    public boolean matches(String password, String hash) {
        if (password == null || hash == null) return false;
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) return false;
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }
}
