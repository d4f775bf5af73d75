package com.englishstudy.chat.domain.tutor;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.common.UserIds;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.message.MessagePublisher;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.message.MessageType;
import com.englishstudy.chat.domain.message.SaveOutcome;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A member asks the AI tutor into the conversation; its reply is stored and sent like any message. */
public final class AskTutorUseCase {
    public static final int CONTEXT_MESSAGES = 10;

    private final RoomRepository rooms;
    private final MessageRepository messages;
    private final MessagePublisher publisher;
    private final Tutor tutor;

    public AskTutorUseCase(RoomRepository rooms, MessageRepository messages, MessagePublisher publisher, Tutor tutor) {
        this.rooms = rooms;
        this.messages = messages;
        this.publisher = publisher;
        this.tutor = tutor;
    }

    public ChatMessage askTutor(AskTutorCommand command) {
        Room room = rooms.find(command.roomId()).orElseThrow(() -> new ChatException.NotFound("Room not found"));
        if (!room.isMember(command.userId())) throw new ChatException.Forbidden("Only members may ask the tutor");
        List<ChatMessage> recent = new ArrayList<>(
                messages.listByRoom(room.roomId(), PageRequest.first(CONTEXT_MESSAGES)).items());
        Collections.reverse(recent);
        // A failure here throws before anything is stored or sent.
        String reply = tutor.reply(room.level(), List.copyOf(recent));
        if (reply == null || reply.isBlank()) {
            throw new ChatException.ProviderFailed("The AI tutor gave an empty answer", false, null);
        }
        String text = reply.strip();
        return switch (publisher.publish(room.roomId(), (messageId, createdAt) -> ChatMessage.create(messageId,
                room.roomId(), UserIds.AI_TUTOR, text, MessageType.AI_RESPONSE, createdAt, null))) {
            case SaveOutcome.Stored stored -> stored.message();
            case SaveOutcome.Duplicate duplicate -> duplicate.original();
        };
    }
}
