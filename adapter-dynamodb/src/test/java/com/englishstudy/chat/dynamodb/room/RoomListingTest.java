package com.englishstudy.chat.dynamodb.room;

import static com.englishstudy.chat.dynamodb.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomFilter;
import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import com.englishstudy.chat.dynamodb.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Listings across levels and memberships, and what a position may and may not be. */
class RoomListingTest {
    private final DynamoDbClient client = Dynalite.shared().client();
    private String table;
    private RoomRepository rooms;

    @BeforeEach
    void setUp() {
        table = Dynalite.shared().newTable("listing");
        rooms = DynamoDbStorage.create(client, table).rooms();
    }

    @AfterEach
    void tearDown() {
        Dynalite.shared().deleteTable(table);
    }

    @Test
    void allLevelsAreNewestFirstAcrossLevelsNotGroupedByLevel() {
        // A seed-style sort key (level#createdAt) would list every advanced room before any beginner one.
        rooms.create(Fixtures.room("old-adv", Level.ADVANCED, 6, T0, "u"));
        rooms.create(Fixtures.room("mid-beg", Level.BEGINNER, 6, T0.plusSeconds(1), "u"));
        rooms.create(Fixtures.room("new-adv", Level.ADVANCED, 6, T0.plusSeconds(2), "u"));
        rooms.create(Fixtures.room("newest-int", Level.INTERMEDIATE, 6, T0.plusSeconds(3), "u"));

        assertThat(ids(all(RoomFilter.ALL, 3))).containsExactly("newest-int", "new-adv", "mid-beg", "old-adv");
        assertThat(ids(all(new RoomFilter(Level.ADVANCED, null), 1))).containsExactly("new-adv", "old-adv");
        assertThat(ids(all(new RoomFilter(null, "u"), 3))).containsExactly("newest-int", "new-adv", "mid-beg", "old-adv");
        assertThat(ids(all(new RoomFilter(Level.ADVANCED, "u"), 1))).containsExactly("new-adv", "old-adv");
    }

    @Test
    void aMembershipWhoseRoomDoesNotNameTheUserIsSkippedAndThePageStillFillsExactly() {
        // Left behind as by a crash: a join that wrote its membership but never got into the room,
        // and a membership of a room that was deleted before its memberships were.
        for (int i = 0; i < 5; i++) {
            rooms.create(Fixtures.room("real-" + i, Level.BEGINNER, 6, T0.plusSeconds(10L * i), "u"));
        }
        rooms.create(Fixtures.room("not-joined", Level.BEGINNER, 6, T0.plusSeconds(15), "other"));
        putMembership("u", "not-joined", "beginner", "2026-01-09T10:00:15.000Z");
        putMembership("u", "deleted", "beginner", "2026-01-09T10:00:25.000Z");

        for (RoomFilter filter : List.of(new RoomFilter(null, "u"), new RoomFilter(Level.BEGINNER, "u"))) {
            List<Page<Room>> pages = all(filter, 2);
            assertThat(pages).extracting(p -> p.items().size()).containsExactly(2, 2, 1);
            assertThat(ids(pages)).containsExactly("real-4", "real-3", "real-2", "real-1", "real-0");
        }
    }

    @Test
    void aPageThatEndsOnTheLastMatchingRoomIsTheLastPageEvenWithSkippedOnesAfterIt() {
        rooms.create(Fixtures.room("real-0", Level.BEGINNER, 6, T0.plusSeconds(10), "u"));
        putMembership("u", "deleted", "beginner", "2026-01-09T10:00:05.000Z");

        Page<Room> page = rooms.list(new RoomFilter(null, "u"), PageRequest.first(1));
        assertThat(page.items()).extracting(Room::roomId).containsExactly("real-0");
        assertThat(page.nextPosition()).isNull();
    }

    @Test
    void aMalformedOrForeignPositionIsInvalidInputForEveryListing() {
        rooms.create(Fixtures.room("a", Level.BEGINNER, 6, T0, "u"));
        rooms.create(Fixtures.room("b", Level.BEGINNER, 6, T0.plusSeconds(1), "u"));
        String allPosition = rooms.list(RoomFilter.ALL, PageRequest.first(1)).nextPosition();
        String levelPosition = rooms.list(new RoomFilter(Level.BEGINNER, null), PageRequest.first(1)).nextPosition();
        String memberPosition = rooms.list(new RoomFilter(null, "u"), PageRequest.first(1)).nextPosition();
        assertThat(List.of(allPosition, levelPosition, memberPosition)).doesNotContainNull();

        List<RoomFilter> filters = List.of(RoomFilter.ALL, new RoomFilter(Level.BEGINNER, null),
                new RoomFilter(Level.ADVANCED, null), new RoomFilter(null, "u"), new RoomFilter(null, "v"),
                new RoomFilter(Level.BEGINNER, "u"));
        for (RoomFilter filter : filters) {
            for (String bad : List.of("x", "not a cursor", "////", allPosition + "x")) {
                assertThatThrownBy(() -> rooms.list(filter, new PageRequest(1, bad)))
                        .isInstanceOf(ChatException.InvalidInput.class);
            }
        }
        assertThatThrownBy(() -> rooms.list(new RoomFilter(Level.ADVANCED, null), new PageRequest(1, levelPosition)))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> rooms.list(RoomFilter.ALL, new PageRequest(1, memberPosition)))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> rooms.list(new RoomFilter(null, "v"), new PageRequest(1, memberPosition)))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThat(rooms.list(RoomFilter.ALL, new PageRequest(1, allPosition)).items())
                .extracting(Room::roomId).containsExactly("a");
    }

    @Test
    void aMessagePositionIsCheckedAgainstItsRoomAndUser() {
        MessageRepository messages = DynamoDbStorage.create(client, table).messages();
        messages.save(Fixtures.message("r1", "u", T0, null));
        messages.save(Fixtures.message("r1", "u", T0.plusSeconds(1), null));
        String roomPosition = messages.listByRoom("r1", PageRequest.first(1)).nextPosition();
        String userPosition = messages.listByUser("u", PageRequest.first(1)).nextPosition();

        assertThat(messages.listByRoom("r1", new PageRequest(1, roomPosition)).items()).hasSize(1);
        assertThat(messages.listByUser("u", new PageRequest(1, userPosition)).items()).hasSize(1);
        for (String bad : List.of("x", userPosition, "A" + roomPosition)) {
            assertThatThrownBy(() -> messages.listByRoom("r1", new PageRequest(1, bad)))
                    .isInstanceOf(ChatException.InvalidInput.class);
        }
        assertThatThrownBy(() -> messages.listByRoom("r2", new PageRequest(1, roomPosition)))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> messages.listByUser("v", new PageRequest(1, userPosition)))
                .isInstanceOf(ChatException.InvalidInput.class);
        assertThatThrownBy(() -> messages.listByUser("u", new PageRequest(1, roomPosition)))
                .isInstanceOf(ChatException.InvalidInput.class);
    }

    private void putMembership(String userId, String roomId, String level, String createdAt) {
        String sortKey = "ROOM#" + createdAt + "#" + roomId;
        Fixtures.putRaw(client, table, Map.of(
                "PK", AttributeValue.fromS("USER#" + userId),
                "SK", AttributeValue.fromS(sortKey),
                "GSI2PK", AttributeValue.fromS("USER#" + userId + "#ROOMS#" + level),
                "GSI2SK", AttributeValue.fromS(sortKey),
                "roomId", AttributeValue.fromS(roomId),
                "userId", AttributeValue.fromS(userId)));
    }

    private List<Page<Room>> all(RoomFilter filter, int limit) {
        List<Page<Room>> pages = new ArrayList<>();
        String after = null;
        do {
            Page<Room> page = rooms.list(filter, new PageRequest(limit, after));
            pages.add(page);
            after = page.nextPosition();
        } while (after != null && pages.size() < 100);
        return pages;
    }

    private static List<String> ids(List<Page<Room>> pages) {
        return pages.stream().flatMap(p -> p.items().stream()).map(Room::roomId).toList();
    }
}
