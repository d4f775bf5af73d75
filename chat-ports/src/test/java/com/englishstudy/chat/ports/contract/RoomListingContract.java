package com.englishstudy.chat.ports.contract;

import static com.englishstudy.chat.ports.contract.ChatClient.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /rooms (SPEC 4): order, level filter, joined filter, paging with opaque, tamper-evident cursors bound to
 * their filters, and the limit's bounds.
 */
public abstract class RoomListingContract extends ContractBase {

    private JsonNode list(String query) {
        JsonNode data = api.get("rooms?" + query).ok200("Rooms retrieved");
        RoomShapes.assertPage(data, "rooms");
        Json.list(data.path("rooms")).forEach(RoomShapes::assertSummary);
        return data;
    }

    private static List<String> ids(JsonNode page) {
        return Json.texts(page.path("rooms"), "roomId");
    }

    private static void assertNewestFirst(JsonNode page) {
        List<String> createdAt = Json.texts(page.path("rooms"), "createdAt");
        for (int i = 1; i < createdAt.size(); i++) {
            assertThat(createdAt.get(i)).as("createdAt of item %d after %s", i, createdAt.get(i - 1))
                    .isLessThanOrEqualTo(createdAt.get(i - 1));
        }
    }

    /** Every room of a listing, following cursors; fails if a page repeats a room. */
    private List<String> pageThrough(String query, int limit, List<Integer> pageSizes) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            JsonNode page = list(query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + q(cursor)));
            assertThat(page.path("rooms").size()).isLessThanOrEqualTo(limit);
            pageSizes.add(page.path("rooms").size());
            seen.addAll(ids(page));
            if (!page.path("hasMore").booleanValue()) {
                assertThat(seen).as("rooms of %s", query).doesNotHaveDuplicates();
                return seen;
            }
            cursor = page.path("nextCursor").asText();
        }
        throw new AssertionError("paging through " + query + " did not end");
    }

    @Test
    void roomsAreListedNewestFirstWithAndWithoutLevel() {
        String creator = uid("lister");
        List<String> created = new ArrayList<>();
        for (String level : List.of("beginner", "advanced", "beginner", "intermediate", "advanced", "beginner")) {
            created.add(api.newRoom(creator, "level", level));
        }
        JsonNode all = list("limit=20");
        assertNewestFirst(all);
        assertThat(ids(all)).containsAll(created);
        for (String level : List.of("beginner", "intermediate", "advanced")) {
            JsonNode filtered = list("limit=20&level=" + level);
            assertNewestFirst(filtered);
            assertThat(Json.texts(filtered.path("rooms"), "level")).containsOnly(level);
        }
        JsonNode mine = list("limit=20&joined=true&userId=" + q(creator));
        assertNewestFirst(mine);
        assertThat(ids(mine)).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void levelIsAcceptedInAnyCaseAndReturnedInLowerCase() {
        String creator = uid("caser");
        String roomId = api.newRoom(creator, "level", "AdVaNcEd");
        JsonNode upper = list("limit=20&level=ADVANCED");
        JsonNode mixed = list("limit=20&level=Advanced");
        assertThat(ids(upper)).contains(roomId);
        assertThat(ids(mixed)).isEqualTo(ids(upper));
        assertThat(Json.texts(upper.path("rooms"), "level")).containsOnly("advanced");
        api.get("rooms?level=expert").failed(400);
    }

    @Test
    void pagingThroughTwentyFiveRoomsReturnsEachExactlyOnce() {
        String creator = uid("pager");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) created.add(api.newRoom(creator, "level", "intermediate", "name", "Page room " + i));

        List<Integer> sizes = new ArrayList<>();
        List<String> mine = pageThrough("joined=true&userId=" + q(creator), 7, sizes);
        assertThat(mine).containsExactlyInAnyOrderElementsOf(created);
        assertThat(sizes).containsExactly(7, 7, 7, 4);

        List<String> everyIntermediate = pageThrough("level=intermediate", 7, new ArrayList<>());
        assertThat(everyIntermediate).containsAll(created);
    }

    @Test
    void joinedListsOnlyTheUsersRooms() {
        String ann = uid("ann");
        String bob = uid("bob");
        String stranger = uid("stranger");
        String annsRoom = api.newRoom(ann);
        String bobsRoom = api.newRoom(bob, "level", "advanced");
        api.newRoom(bob);
        api.join(bobsRoom, ann);

        assertThat(ids(list("joined=true&userId=" + q(ann)))).containsExactlyInAnyOrder(annsRoom, bobsRoom);
        assertThat(ids(list("joined=true&userId=" + q(ann) + "&level=advanced"))).containsExactly(bobsRoom);
        JsonNode none = list("joined=true&userId=" + q(stranger));
        assertThat(none.path("rooms").size()).isZero();
        assertThat(none.path("nextCursor").isNull()).isTrue();

        api.leave(bobsRoom, ann).ok200("Left room");
        assertThat(ids(list("joined=true&userId=" + q(ann)))).containsExactly(annsRoom);
        // Without joined=true, userId filters nothing.
        assertThat(ids(list("limit=20&userId=" + q(stranger)))).contains(annsRoom, bobsRoom);
    }

    @Test
    void joinedNeedsAUserId() {
        api.get("rooms?joined=true").failed(400);
        api.get("rooms?joined=true&userId=").failed(400);
        api.get("rooms?joined=maybe&userId=" + q(uid("u"))).failed(400);
        api.get("rooms?joined=true&userId=" + q("a b")).failed(400);
        api.get("rooms?joined=true&userId=" + q("u".repeat(65))).failed(400);
    }

    @ParameterizedTest(name = "limit={0} -> 400")
    @ValueSource(strings = {"0", "-1", "abc", "1.5", " ", "0x10"})
    void limitOutOfRangeIsA400(String limit) {
        api.get("rooms?limit=" + q(limit)).failed(400);
    }

    @Test
    void anEmptyLimitIsNoLimitAskedFor() {
        assertThat(api.get("rooms?limit=").ok200("Rooms retrieved").path("rooms").isArray()).isTrue();
        assertThat(api.get("rooms?limit").ok200("Rooms retrieved").path("rooms").isArray()).isTrue();
    }

    @Test
    void limitAboveTwentyIsTwenty() {
        String creator = uid("many");
        for (int i = 0; i < 21; i++) api.newRoom(creator);
        JsonNode page = list("joined=true&userId=" + q(creator) + "&limit=1000");
        assertThat(page.path("rooms").size()).isEqualTo(20);
        assertThat(page.path("hasMore").booleanValue()).isTrue();
        assertThat(list("limit=99999999999999999999").path("rooms").size()).isEqualTo(20);
        // Default page: 10.
        assertThat(list("joined=true&userId=" + q(creator)).path("rooms").size()).isEqualTo(10);
    }

    @Test
    void madeUpOrChangedCursorIsA400() {
        String creator = uid("cursor");
        for (int i = 0; i < 3; i++) api.newRoom(creator);
        String query = "joined=true&userId=" + q(creator) + "&limit=1";
        String cursor = list(query).path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        JsonNode second = list(query + "&cursor=" + q(cursor));
        assertThat(second.path("rooms").size()).isEqualTo(1);

        for (String forged : List.of("abc", "abc.def", "....", "x".repeat(3000), "%00", "MTIz.NDU2",
                cursor + "A", cursor.substring(1), cursor.replace(".", ""), cursor + "." + cursor)) {
            api.get("rooms?" + query + "&cursor=" + q(forged)).failed(400);
        }
        // Every one-character change of a real cursor is refused.
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            char other = c == 'A' ? 'B' : 'A';
            String changed = cursor.substring(0, i) + other + cursor.substring(i + 1);
            api.get("rooms?" + query + "&cursor=" + q(changed)).failed(400);
        }
    }

    @Test
    void cursorIsOnlyValidWithTheFiltersItWasIssuedFor() {
        String creator = uid("filters");
        for (int i = 0; i < 3; i++) api.newRoom(creator, "level", "beginner");
        for (int i = 0; i < 3; i++) api.newRoom(creator, "level", "advanced");

        String beginnerCursor = list("level=beginner&limit=1").path("nextCursor").asText();
        api.get("rooms?level=advanced&limit=1&cursor=" + q(beginnerCursor)).failed(400);
        api.get("rooms?limit=1&cursor=" + q(beginnerCursor)).failed(400);
        list("level=beginner&limit=1&cursor=" + q(beginnerCursor));
        list("level=BEGINNER&limit=1&cursor=" + q(beginnerCursor));

        String joinedCursor = list("joined=true&userId=" + q(creator) + "&limit=1").path("nextCursor").asText();
        api.get("rooms?limit=1&cursor=" + q(joinedCursor)).failed(400);
        api.get("rooms?joined=true&userId=" + q(uid("other")) + "&limit=1&cursor=" + q(joinedCursor)).failed(400);

        String plainCursor = list("limit=1").path("nextCursor").asText();
        api.get("rooms?joined=true&userId=" + q(creator) + "&limit=1&cursor=" + q(plainCursor)).failed(400);
        api.get("rooms?level=beginner&limit=1&cursor=" + q(plainCursor)).failed(400);
    }
}
