package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.ChatException.InvalidInput;
import com.englishstudy.chat.domain.common.Texts;
import com.englishstudy.chat.domain.common.UserIds;
import java.nio.charset.StandardCharsets;

/**
 * A request to open a room, checked on construction.
 *
 * @param maxMembers {@code null} for the default of six
 * @param password   required for a private room, absent for a public one
 */
public record CreateRoomCommand(String name, String description, Level level, Integer maxMembers,
                                boolean isPrivate, String password, String createdBy) {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    public CreateRoomCommand {
        if (name == null) throw new InvalidInput("name is required");
        Texts.requireWellFormed(name, "name");
        Texts.requireWellFormed(description, "description");
        Texts.requireWellFormed(password, "password");
        name = name.strip();
        if (name.isEmpty()) throw new InvalidInput("name must not be blank");
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new InvalidInput("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (description != null) {
            description = description.strip();
            if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION_LENGTH) {
                throw new InvalidInput("description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
            }
        }
        if (level == null) throw new InvalidInput("level is required");
        if (isPrivate) {
            if (password == null) throw new InvalidInput("password is required for a private room");
            int bytes = password.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < RoomPasswords.MIN_LENGTH || bytes > RoomPasswords.MAX_UTF8_BYTES) {
                throw new InvalidInput("password must be " + RoomPasswords.MIN_LENGTH + " to "
                        + RoomPasswords.MAX_UTF8_BYTES + " bytes in UTF-8");
            }
        } else if (password != null) {
            throw new InvalidInput("password must be absent or null for a public room");
        }
        UserIds.requireActor(createdBy, "createdBy");
    }

    int maxMembersWithin(ChatSettings settings) {
        int max = maxMembers == null ? Math.min(ChatSettings.DEFAULT_MAX_MEMBERS, settings.maxRoomMembers()) : maxMembers;
        if (max < ChatSettings.MIN_MEMBERS || max > settings.maxRoomMembers()) {
            throw new InvalidInput("maxMembers must be from " + ChatSettings.MIN_MEMBERS + " to " + settings.maxRoomMembers());
        }
        return max;
    }
}
