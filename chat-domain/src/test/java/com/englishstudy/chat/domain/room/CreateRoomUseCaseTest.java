package com.englishstudy.chat.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.fakes.ChatFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

class CreateRoomUseCaseTest {
    private final ChatFixture chat = new ChatFixture();

    private Room create(String name, String description, Level level, Integer maxMembers, boolean isPrivate,
                        String password, String createdBy) {
        return chat.core.createRoom().createRoom(
                new CreateRoomCommand(name, description, level, maxMembers, isPrivate, password, createdBy));
    }

    private Room createPublic(String name) {
        return create(name, null, Level.BEGINNER, null, false, null, "alice");
    }

    private void assertNoRoomExists() {
        assertThat(chat.core.roomQueries().listRooms(RoomFilter.ALL, PageRequest.first(20)).items()).isEmpty();
    }

    // ---- what a new room looks like ------------------------------------------------------------------------

    @Test
    void theCreatorIsTheOnlyMemberOfANewRoomThatHasNoMessagesYet() {
        Room room = create("  Morning chat  ", "  Coffee and English ", Level.INTERMEDIATE, 4, false, null, "alice");

        assertThat(room.roomId()).isEqualTo("room-1");
        assertThat(room.name()).isEqualTo("Morning chat");
        assertThat(room.description()).isEqualTo("Coffee and English");
        assertThat(room.level()).isEqualTo(Level.INTERMEDIATE);
        assertThat(room.maxMembers()).isEqualTo(4);
        assertThat(room.isPrivate()).isFalse();
        assertThat(room.passwordHash()).isNull();
        assertThat(room.createdBy()).isEqualTo("alice");
        assertThat(room.memberIds()).containsExactly("alice");
        assertThat(room.currentMembers()).isEqualTo(1);
        assertThat(room.status()).isEqualTo(RoomStatus.CREATED);
        assertThat(room.status().wire()).isEqualTo("created");
        assertThat(room.createdAt()).isEqualTo(ChatFixture.START_MILLIS);
        assertThat(room.lastMessageAt()).isEqualTo(room.createdAt());
    }

    @Test
    void aCreatedRoomCanBeReadAndIsListed() {
        Room room = createPublic("Travel talk");

        assertThat(chat.core.roomQueries().getRoom(room.roomId())).isEqualTo(room);
        assertThat(chat.core.roomQueries().listRooms(RoomFilter.ALL, PageRequest.first(10)).items()).containsExactly(room);
        assertThat(chat.core.roomQueries().listRooms(new RoomFilter(null, "alice"), PageRequest.first(10)).items())
                .containsExactly(room);
    }

    @Test
    void anUnknownRoomIsNotFound() {
        assertThatThrownBy(() -> chat.core.roomQueries().getRoom("room-404")).isInstanceOf(ChatException.NotFound.class);
    }

    @Test
    void roomsAreListedNewestFirst() {
        Room first = createPublic("First");
        chat.clock.advance(java.time.Duration.ofSeconds(1));
        Room second = createPublic("Second");

        assertThat(chat.core.roomQueries().listRooms(RoomFilter.ALL, PageRequest.first(10)).items())
                .extracting(Room::roomId).containsExactly(second.roomId(), first.roomId());
    }

    // ---- name and description ------------------------------------------------------------------------------

    @Test
    void aNameIsRequiredAndMustNotBeBlank() {
        assertThatThrownBy(() -> createPublic(null)).isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> createPublic("")).isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> createPublic(" \t\n ")).isInstanceOf(ChatException.InvalidInput.class);
        assertNoRoomExists();
    }

    @Test
    void aNameMayHaveUpTo100CharactersAfterTrimmingCountingEmojiAsOne() {
        assertThat(createPublic("a".repeat(100)).name()).hasSize(100);
        assertThat(createPublic("   " + "b".repeat(100) + "   ").name()).isEqualTo("b".repeat(100));
        String hundredEmoji = "😀".repeat(100);
        assertThat(createPublic(hundredEmoji).name()).isEqualTo(hundredEmoji);

        assertThatThrownBy(() -> createPublic("a".repeat(101))).isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> createPublic("😀".repeat(101))).isInstanceOf(ChatException.InvalidInput.class);
    }

    @Test
    void aDescriptionIsOptionalAndMayHaveUpTo500Characters() {
        assertThat(create("Room", null, Level.BEGINNER, null, false, null, "alice").description()).isNull();
        assertThat(create("Room", "d".repeat(500), Level.BEGINNER, null, false, null, "alice").description())
                .hasSize(500);

        assertThatThrownBy(() -> create("Room", "d".repeat(501), Level.BEGINNER, null, false, null, "alice"))
                .isInstanceOf(ChatException.InvalidInput.class);
    }

    // ---- level ---------------------------------------------------------------------------------------------

    @Test
    void aLevelIsRequired() {
        assertThatThrownBy(() -> create("Room", null, null, null, false, null, "alice"))
                .isInstanceOf(ChatException.InvalidInput.class);
    }

    @Test
    void aLevelIsAcceptedInAnyLetterCaseAndWrittenInLowerCase() {
        assertThat(Level.parse("beginner", "level")).isEqualTo(Level.BEGINNER);
        assertThat(Level.parse("INTERMEDIATE", "level")).isEqualTo(Level.INTERMEDIATE);
        assertThat(Level.parse("AdVaNcEd", "level")).isEqualTo(Level.ADVANCED);
        assertThat(Level.ADVANCED.wire()).isEqualTo("advanced");
        assertThat(Level.INTERMEDIATE.wire()).isEqualTo("intermediate");
    }

    @Test
    void anUnknownOrMissingLevelIsInvalidInput() {
        assertThatThrownBy(() -> Level.parse("expert", "level")).isInstanceOf(ChatException.InvalidInput.class)
                .hasMessageContaining("level");
        assertThatThrownBy(() -> Level.parse("", "level")).isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> Level.parse(null, "level")).isInstanceOf(ChatException.InvalidInput.class);
    }

    @Test
    void aLevelWithAnythingAroundItIsInvalidInput() {
        // Not trimmed: String.trim would also take off control characters such as NUL.
        for (String padded : new String[] {" beginner", "beginner ", "beginner\u0000", "\tadvanced"}) {
            assertThatThrownBy(() -> Level.parse(padded, "level")).isInstanceOf(ChatException.InvalidInput.class);
        }
    }

    // ---- maxMembers ----------------------------------------------------------------------------------------

    @Test
    void maxMembersIsSixUnlessGiven() {
        assertThat(createPublic("Room").maxMembers()).isEqualTo(6);
    }

    @Test
    void maxMembersMayBeFromTwoToTheConfiguredMaximum() {
        assertThat(create("Room", null, Level.BEGINNER, 2, false, null, "alice").maxMembers()).isEqualTo(2);
        assertThat(create("Room", null, Level.BEGINNER, 50, false, null, "alice").maxMembers()).isEqualTo(50);

        for (int bad : new int[] {-1, 0, 1, 51, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> create("Bad", null, Level.BEGINNER, bad, false, null, "bob"))
                    .as("maxMembers %d", bad).isInstanceOf(ChatException.InvalidInput.class);
        }
        assertThat(chat.core.roomQueries().listRooms(new RoomFilter(null, "bob"), PageRequest.first(20)).items())
                .isEmpty();
    }

    @Test
    void theMaximumOfMembersFollowsMaxRoomMembers() {
        ChatFixture small = new ChatFixture(ChatSettings.fromEnvironment(Map.of("MAX_ROOM_MEMBERS", "4", "BCRYPT_COST", "4")));
        CreateRoomUseCase createRoom = small.core.createRoom();

        assertThat(createRoom.createRoom(new CreateRoomCommand("R", null, Level.BEGINNER, 4, false, null, "a")).maxMembers())
                .isEqualTo(4);
        assertThat(createRoom.createRoom(new CreateRoomCommand("R", null, Level.BEGINNER, null, false, null, "a")).maxMembers())
                .as("the default of six cannot exceed the configured maximum").isEqualTo(4);
        assertThatThrownBy(() -> createRoom.createRoom(new CreateRoomCommand("R", null, Level.BEGINNER, 5, false, null, "a")))
                .isInstanceOf(ChatException.InvalidInput.class);
    }

    // ---- passwords -----------------------------------------------------------------------------------------

    @Test
    void aPrivateRoomKeepsOnlyABcryptHashOfItsPassword() {
        Room room = create("Secret", null, Level.ADVANCED, null, true, "open sesame", "alice");

        assertThat(room.isPrivate()).isTrue();
        assertThat(room.passwordHash()).isNotEqualTo("open sesame").doesNotContain("open sesame").startsWith("$2a$04$");
        assertThat(BCrypt.checkpw("open sesame", room.passwordHash())).isTrue();
        assertThat(BCrypt.checkpw("open sesamE", room.passwordHash())).isFalse();
        assertThat(chat.room(room.roomId()).passwordHash()).isEqualTo(room.passwordHash());
    }

    @Test
    void theHashUsesTheConfiguredCost() {
        ChatFixture costly = new ChatFixture(ChatSettings.defaults().withBcryptCost(5));

        Room room = costly.privateRoom("alice", "pass1234");

        assertThat(room.passwordHash()).startsWith("$2a$05$");
    }

    @Test
    void twoRoomsWithOnePasswordHaveDifferentHashes() {
        Room one = create("One", null, Level.ADVANCED, null, true, "same-pass", "alice");
        Room two = create("Two", null, Level.ADVANCED, null, true, "same-pass", "alice");

        assertThat(one.passwordHash()).isNotEqualTo(two.passwordHash());
    }

    @Test
    void aPrivateRoomNeedsAPassword() {
        assertThatThrownBy(() -> create("Secret", null, Level.ADVANCED, null, true, null, "alice"))
                .isInstanceOf(ChatException.InvalidInput.class).hasMessageContaining("password");
        assertNoRoomExists();
    }

    @Test
    void aPasswordHasFourTo72BytesInUtf8() {
        assertThat(create("S", null, Level.ADVANCED, null, true, "abcd", "alice").isPrivate()).isTrue();
        assertThat(create("S", null, Level.ADVANCED, null, true, "p".repeat(72), "alice").isPrivate()).isTrue();
        // 24 Hangul syllables are 72 bytes in UTF-8.
        assertThat(create("S", null, Level.ADVANCED, null, true, "가".repeat(24), "alice").isPrivate()).isTrue();

        assertThatThrownBy(() -> create("S", null, Level.ADVANCED, null, true, "abc", "bob"))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> create("S", null, Level.ADVANCED, null, true, "p".repeat(73), "bob"))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> create("S", null, Level.ADVANCED, null, true, "가".repeat(25), "bob"))
                .as("25 Hangul syllables are 75 bytes").isInstanceOf(ChatException.InvalidInput.class);
        assertThat(chat.core.roomQueries().listRooms(new RoomFilter(null, "bob"), PageRequest.first(20)).items())
                .isEmpty();
    }

    @Test
    void aShortPasswordOfFourOrMoreUtf8BytesIsAccepted() {
        // "가나" is 2 characters but 6 bytes; "🙂" is 4 bytes.
        assertThat(create("S", null, Level.ADVANCED, null, true, "가나", "alice").isPrivate()).isTrue();
        assertThat(create("S", null, Level.ADVANCED, null, true, "🙂", "alice").isPrivate()).isTrue();
        assertThatThrownBy(() -> create("S", null, Level.ADVANCED, null, true, "é", "alice"))
                .as("2 bytes").isInstanceOf(ChatException.InvalidInput.class);
    }

    @Test
    void aPublicRoomMustNotCarryAPassword() {
        assertThatThrownBy(() -> create("Open", null, Level.BEGINNER, null, false, "secret1", "alice"))
                .isInstanceOf(ChatException.InvalidInput.class).hasMessageContaining("password");
        assertThatThrownBy(() -> create("Open", null, Level.BEGINNER, null, false, "", "alice"))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertNoRoomExists();
    }

    // ---- createdBy -----------------------------------------------------------------------------------------

    @Test
    void createdByMustBeAWellFormedUserId() {
        assertThat(create("R", null, Level.BEGINNER, null, false, null, "a.b_c-d@e.f").createdBy()).isEqualTo("a.b_c-d@e.f");
        assertThat(create("R", null, Level.BEGINNER, null, false, null, "u".repeat(64)).createdBy()).hasSize(64);

        for (String bad : new String[] {null, "", "u".repeat(65), "bad id", "slash/user", "ünïcode", "x;drop"}) {
            assertThatThrownBy(() -> create("R", null, Level.BEGINNER, null, false, null, bad))
                    .as("createdBy %s", bad).isInstanceOf(ChatException.InvalidInput.class);
        }
    }

    @Test
    void nobodyMayCreateARoomAsTheTutor() {
        for (String tutor : new String[] {"ai-tutor", "AI-TUTOR", "Ai-Tutor"}) {
            assertThatThrownBy(() -> create("R", null, Level.BEGINNER, null, false, null, tutor))
                    .as(tutor).isInstanceOf(ChatException.Forbidden.class);
        }
        assertNoRoomExists();
    }
}
