package com.englishstudy.chat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.MembershipChange;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomFilter;
import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.domain.room.RoomStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomRepository} must do. Subclass it and return an empty repository from
 * {@link #newRoomRepository()}; it is called once before each test.
 */
public abstract class RoomRepositoryContract {

    /** An empty repository, new for each test. */
    protected abstract RoomRepository newRoomRepository();

    protected RoomRepository rooms;
    /** Keeps ids of one test apart from any other, in case a subclass shares storage. */
    private String prefix;
    private int roomCounter;
    private Instant base;

    @BeforeEach
    void setUpRoomRepository() {
        rooms = newRoomRepository();
        prefix = "r" + UUID.randomUUID().toString().substring(0, 8) + "-";
        roomCounter = 0;
        base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- building blocks ------------------------------------------------------------------------------------

    private String newRoomId() {
        return prefix + String.format("%04d", roomCounter++);
    }

    private Room room(Level level, int maxMembers, Instant createdAt, String... members) {
        return new Room(newRoomId(), "Room " + roomCounter, "Let's talk", level, maxMembers, false, null,
                members[0], List.of(members), RoomStatus.CREATED, createdAt, createdAt);
    }

    private Room created(Level level, int maxMembers, Instant createdAt, String... members) {
        Room room = room(level, maxMembers, createdAt, members);
        rooms.create(room);
        return room;
    }

    private Room created(String... members) {
        return created(Level.BEGINNER, 6, base, members);
    }

    private Room stored(String roomId) {
        return rooms.find(roomId).orElseThrow(() -> new AssertionError("room " + roomId + " should exist"));
    }

    private static Room changedRoom(MembershipChange change) {
        assertThat(change).isInstanceOf(MembershipChange.Changed.class);
        return ((MembershipChange.Changed) change).room();
    }

    /** Every page of a listing, following nextPosition to the end. */
    private List<Page<Room>> allPages(RoomFilter filter, int limit) {
        List<Page<Room>> pages = new ArrayList<>();
        String after = null;
        do {
            Page<Room> page = rooms.list(filter, new PageRequest(limit, after));
            pages.add(page);
            after = page.nextPosition();
            assertThat(pages).as("paging must end").hasSizeLessThan(1000);
        } while (after != null);
        return pages;
    }

    private static List<String> idsOf(List<Page<Room>> pages) {
        return pages.stream().flatMap(p -> p.items().stream()).map(Room::roomId).toList();
    }

    private static void assertNewestFirst(List<Room> listed) {
        for (int i = 1; i < listed.size(); i++) {
            assertThat(listed.get(i).createdAt())
                    .as("room %d of the listing is not older than or as old as room %d", i, i - 1)
                    .isBeforeOrEqualTo(listed.get(i - 1).createdAt());
        }
    }

    // ---- create and find ------------------------------------------------------------------------------------

    @Test
    void findReturnsEveryFieldOfACreatedPublicRoom() {
        Room room = new Room(newRoomId(), "Morning small talk", null, Level.ADVANCED, 12, false, null, "alice",
                List.of("alice"), RoomStatus.CREATED, base, base);
        rooms.create(room);

        assertThat(rooms.find(room.roomId())).contains(room);
    }

    @Test
    void findReturnsEveryFieldOfACreatedPrivateRoom() {
        String hash = "$2a$04$abcdefghijklmnopqrstuu5KWl0f8hO1sKAqbbHNrVM8lhAnLbRCG";
        Room room = new Room(newRoomId(), "영어 스터디 🙂", "Only friends", Level.INTERMEDIATE, 2, true, hash, "bob",
                List.of("bob"), RoomStatus.CREATED, base, base);
        rooms.create(room);

        Room found = stored(room.roomId());
        assertThat(found).isEqualTo(room);
        assertThat(found.passwordHash()).isEqualTo(hash);
        assertThat(found.currentMembers()).isEqualTo(1);
    }

    @Test
    void findOfAnUnknownRoomIsEmpty() {
        created("alice");

        assertThat(rooms.find(prefix + "nope")).isEmpty();
    }

    // ---- addMember ------------------------------------------------------------------------------------------

    @Test
    void addMemberAppendsTheUserInJoinOrderAndReturnsTheRoomAfterTheChange() {
        Room room = created("alice");

        Room afterBob = changedRoom(rooms.addMember(room.roomId(), "bob"));
        Room afterCarol = changedRoom(rooms.addMember(room.roomId(), "carol"));

        assertThat(afterBob.memberIds()).containsExactly("alice", "bob");
        assertThat(afterCarol.memberIds()).containsExactly("alice", "bob", "carol");
        assertThat(afterCarol.currentMembers()).isEqualTo(3);
        Room found = stored(room.roomId());
        assertThat(found.memberIds()).containsExactly("alice", "bob", "carol");
        assertThat(found.currentMembers()).isEqualTo(found.memberIds().size());
    }

    @Test
    void addMemberKeepsEveryOtherFieldOfTheRoom() {
        Room room = created("alice");

        rooms.addMember(room.roomId(), "bob");

        assertThat(stored(room.roomId())).isEqualTo(room.withMembers(List.of("alice", "bob")));
    }

    @Test
    void addMemberOfAMemberChangesNothing() {
        Room room = created("alice");
        rooms.addMember(room.roomId(), "bob");

        MembershipChange again = rooms.addMember(room.roomId(), "bob");

        assertThat(again).isInstanceOf(MembershipChange.AlreadyMember.class);
        assertThat(((MembershipChange.AlreadyMember) again).room().memberIds()).containsExactly("alice", "bob");
        assertThat(stored(room.roomId()).memberIds()).containsExactly("alice", "bob");
    }

    @Test
    void addMemberToAFullRoomIsRefusedAndChangesNothing() {
        Room room = created(Level.BEGINNER, 2, base, "alice");
        changedRoom(rooms.addMember(room.roomId(), "bob"));

        MembershipChange third = rooms.addMember(room.roomId(), "carol");

        assertThat(third).isInstanceOf(MembershipChange.Full.class);
        assertThat(((MembershipChange.Full) third).room().memberIds()).containsExactly("alice", "bob");
        assertThat(stored(room.roomId()).memberIds()).containsExactly("alice", "bob");
    }

    @Test
    void addMemberOfAMemberOfAFullRoomIsAlreadyMemberNotFull() {
        Room room = created(Level.BEGINNER, 2, base, "alice");
        rooms.addMember(room.roomId(), "bob");

        assertThat(rooms.addMember(room.roomId(), "alice")).isInstanceOf(MembershipChange.AlreadyMember.class);
    }

    @Test
    void addMemberToAnUnknownRoomIsNoSuchRoomAndCreatesNothing() {
        String roomId = prefix + "missing";

        assertThat(rooms.addMember(roomId, "bob")).isInstanceOf(MembershipChange.NoSuchRoom.class);
        assertThat(rooms.find(roomId)).isEmpty();
        assertThat(rooms.list(RoomFilter.ALL, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aPlaceFreedByALeaveCanBeTakenAgain() {
        Room room = created(Level.BEGINNER, 2, base, "alice");
        rooms.addMember(room.roomId(), "bob");
        changedRoom(rooms.removeMember(room.roomId(), "bob"));

        assertThat(changedRoom(rooms.addMember(room.roomId(), "carol")).memberIds()).containsExactly("alice", "carol");
    }

    // ---- removeMember ---------------------------------------------------------------------------------------

    @Test
    void removeMemberTakesOnlyThatUserOut() {
        Room room = created("alice");
        rooms.addMember(room.roomId(), "bob");
        rooms.addMember(room.roomId(), "carol");

        Room after = changedRoom(rooms.removeMember(room.roomId(), "bob"));

        assertThat(after.memberIds()).containsExactly("alice", "carol");
        assertThat(after.currentMembers()).isEqualTo(2);
        assertThat(stored(room.roomId()).memberIds()).containsExactly("alice", "carol");
    }

    @Test
    void removeMemberOfANonMemberIsNotMemberAndChangesNothing() {
        Room room = created("alice");

        MembershipChange change = rooms.removeMember(room.roomId(), "mallory");

        assertThat(change).isInstanceOf(MembershipChange.NotMember.class);
        assertThat(((MembershipChange.NotMember) change).room().memberIds()).containsExactly("alice");
        assertThat(stored(room.roomId()).memberIds()).containsExactly("alice");
    }

    @Test
    void removeMemberTwiceIsNotMemberTheSecondTime() {
        Room room = created("alice");
        rooms.addMember(room.roomId(), "bob");
        changedRoom(rooms.removeMember(room.roomId(), "bob"));

        assertThat(rooms.removeMember(room.roomId(), "bob")).isInstanceOf(MembershipChange.NotMember.class);
    }

    @Test
    void removeMemberOfAnUnknownRoomIsNoSuchRoom() {
        assertThat(rooms.removeMember(prefix + "missing", "alice")).isInstanceOf(MembershipChange.NoSuchRoom.class);
    }

    @Test
    void removingTheLastMemberLeavesAnEmptyRoomUntilDeleteIfEmpty() {
        Room room = created("alice");

        Room after = changedRoom(rooms.removeMember(room.roomId(), "alice"));

        assertThat(after.memberIds()).isEmpty();
        assertThat(after.currentMembers()).isZero();
        Room found = stored(room.roomId());
        assertThat(found.memberIds()).isEmpty();
        assertThat(found.currentMembers()).isZero();
    }

    // ---- deleteIfEmpty and delete ---------------------------------------------------------------------------

    @Test
    void deleteIfEmptyKeepsARoomThatHasMembers() {
        Room room = created("alice");

        assertThat(rooms.deleteIfEmpty(room.roomId())).isFalse();
        assertThat(rooms.find(room.roomId())).isPresent();
        assertThat(idsOf(allPages(RoomFilter.ALL, 10))).containsExactly(room.roomId());
    }

    @Test
    void deleteIfEmptyKeepsARoomThatAJoinRefilledAfterTheLastLeave() {
        Room room = created("alice");
        rooms.removeMember(room.roomId(), "alice");
        changedRoom(rooms.addMember(room.roomId(), "bob"));

        assertThat(rooms.deleteIfEmpty(room.roomId())).isFalse();
        assertThat(stored(room.roomId()).memberIds()).containsExactly("bob");
    }

    @Test
    void deleteIfEmptyDeletesAnEmptyRoomEverywhere() {
        Room keep = created("bob");
        Room room = created("alice");
        rooms.removeMember(room.roomId(), "alice");

        assertThat(rooms.deleteIfEmpty(room.roomId())).isTrue();

        assertThat(rooms.find(room.roomId())).isEmpty();
        assertThat(idsOf(allPages(RoomFilter.ALL, 10))).containsExactly(keep.roomId());
        assertThat(rooms.addMember(room.roomId(), "carol")).isInstanceOf(MembershipChange.NoSuchRoom.class);
    }

    @Test
    void deleteIfEmptyOfAnUnknownRoomIsFalse() {
        assertThat(rooms.deleteIfEmpty(prefix + "missing")).isFalse();
    }

    @Test
    void deleteRemovesARoomWhateverItsMembers() {
        Room keep = created("bob");
        Room room = created("alice");
        rooms.addMember(room.roomId(), "carol");

        rooms.delete(room.roomId());

        assertThat(rooms.find(room.roomId())).isEmpty();
        assertThat(idsOf(allPages(RoomFilter.ALL, 10))).containsExactly(keep.roomId());
        assertThat(idsOf(allPages(new RoomFilter(null, "carol"), 10))).isEmpty();
        assertThat(rooms.removeMember(room.roomId(), "alice")).isInstanceOf(MembershipChange.NoSuchRoom.class);
    }

    @Test
    void deleteOfAnUnknownRoomDoesNothing() {
        Room keep = created("alice");

        rooms.delete(prefix + "missing");

        assertThat(stored(keep.roomId()).memberIds()).containsExactly("alice");
        rooms.delete(keep.roomId());
        rooms.delete(keep.roomId());
        assertThat(rooms.find(keep.roomId())).isEmpty();
    }

    // ---- recordMessage --------------------------------------------------------------------------------------

    @Test
    void recordMessageMakesTheRoomActiveAndMovesLastMessageAt() {
        Room room = created("alice");
        assertThat(room.status()).isEqualTo(RoomStatus.CREATED);
        Instant at = base.plusSeconds(30);

        rooms.recordMessage(room.roomId(), at);

        Room found = stored(room.roomId());
        assertThat(found.status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(found.lastMessageAt()).isEqualTo(at);
        assertThat(found.createdAt()).isEqualTo(base);
        assertThat(found.memberIds()).containsExactly("alice");
    }

    @Test
    void recordMessageNeverMovesLastMessageAtBack() {
        Room room = created("alice");
        Instant later = base.plusSeconds(60);
        rooms.recordMessage(room.roomId(), later);

        rooms.recordMessage(room.roomId(), base.plusSeconds(10));

        Room found = stored(room.roomId());
        assertThat(found.lastMessageAt()).isEqualTo(later);
        assertThat(found.status()).isEqualTo(RoomStatus.ACTIVE);
    }

    @Test
    void recordMessageAtTheCreationInstantMakesTheRoomActive() {
        Room room = created("alice");

        rooms.recordMessage(room.roomId(), base);

        Room found = stored(room.roomId());
        assertThat(found.status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(found.lastMessageAt()).isEqualTo(base);
    }

    @Test
    void recordMessageOfAnUnknownRoomCreatesNothing() {
        String roomId = prefix + "missing";

        rooms.recordMessage(roomId, base);

        assertThat(rooms.find(roomId)).isEmpty();
        assertThat(rooms.list(RoomFilter.ALL, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void membershipChangesKeepTheActivityOfTheRoom() {
        Room room = created("alice");
        Instant at = base.plusSeconds(5);
        rooms.recordMessage(room.roomId(), at);

        rooms.addMember(room.roomId(), "bob");
        rooms.removeMember(room.roomId(), "alice");

        Room found = stored(room.roomId());
        assertThat(found.status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(found.lastMessageAt()).isEqualTo(at);
        assertThat(found.memberIds()).containsExactly("bob");
    }

    // ---- list -----------------------------------------------------------------------------------------------

    @Test
    void listOfAnEmptyRepositoryIsOneEmptyLastPage() {
        Page<Room> page = rooms.list(RoomFilter.ALL, PageRequest.first(10));

        assertThat(page.items()).isEmpty();
        assertThat(page.nextPosition()).isNull();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void listShowsNewestCreatedFirst() {
        Room oldest = created(Level.BEGINNER, 6, base, "a");
        Room newest = created(Level.ADVANCED, 6, base.plusSeconds(20), "b");
        Room middle = created(Level.INTERMEDIATE, 6, base.plusSeconds(10), "c");

        Page<Room> page = rooms.list(RoomFilter.ALL, PageRequest.first(10));

        assertThat(page.items()).extracting(Room::roomId)
                .containsExactly(newest.roomId(), middle.roomId(), oldest.roomId());
        assertThat(page.nextPosition()).isNull();
    }

    @Test
    void listOrdersByTimeAcrossWholeSecondsAndDays() {
        // A whole second prints without a fraction in ISO-8601; a store that sorts on such text would misorder these.
        Instant second = base.truncatedTo(ChronoUnit.DAYS).plusSeconds(86_400);
        List<Instant> times = List.of(second.minusMillis(1), second, second.plusMillis(1), second.plusMillis(10),
                second.plusMillis(100), second.plusMillis(999), second.plusSeconds(1), second.plusSeconds(86_400 * 400L));
        String[] ids = new String[times.size()];
        for (int i : new int[] {3, 0, 7, 5, 1, 6, 2, 4}) ids[i] = created(Level.BEGINNER, 6, times.get(i), "u").roomId();

        List<String> newestFirst = new ArrayList<>(List.of(ids));
        Collections.reverse(newestFirst);
        assertThat(idsOf(allPages(RoomFilter.ALL, 20))).containsExactlyElementsOf(newestFirst);
        assertThat(idsOf(allPages(new RoomFilter(Level.BEGINNER, null), 3))).containsExactlyElementsOf(newestFirst);
        assertThat(idsOf(allPages(new RoomFilter(null, "u"), 3))).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void listReflectsCurrentMembersAndActivity() {
        Room room = created("alice");
        rooms.addMember(room.roomId(), "bob");
        rooms.recordMessage(room.roomId(), base.plusSeconds(3));

        Room listed = rooms.list(RoomFilter.ALL, PageRequest.first(10)).items().get(0);

        assertThat(listed.memberIds()).containsExactly("alice", "bob");
        assertThat(listed.currentMembers()).isEqualTo(2);
        assertThat(listed.status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(listed.lastMessageAt()).isEqualTo(base.plusSeconds(3));
    }

    @Test
    void listByLevelShowsOnlyThatLevelNewestFirst() {
        Room b1 = created(Level.BEGINNER, 6, base.plusSeconds(1), "a");
        created(Level.ADVANCED, 6, base.plusSeconds(2), "a");
        Room b2 = created(Level.BEGINNER, 6, base.plusSeconds(3), "a");
        created(Level.INTERMEDIATE, 6, base.plusSeconds(4), "a");
        Room b3 = created(Level.BEGINNER, 6, base.plusSeconds(5), "a");

        Page<Room> page = rooms.list(new RoomFilter(Level.BEGINNER, null), PageRequest.first(10));

        assertThat(page.items()).extracting(Room::roomId).containsExactly(b3.roomId(), b2.roomId(), b1.roomId());
        assertThat(page.nextPosition()).isNull();
        assertThat(rooms.list(new RoomFilter(Level.ADVANCED, null), PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void listByMemberShowsOnlyRoomsTheUserIsInNow() {
        Room created = created(Level.BEGINNER, 6, base.plusSeconds(1), "alice");
        Room joined = created(Level.ADVANCED, 6, base.plusSeconds(2), "bob");
        rooms.addMember(joined.roomId(), "alice");
        Room left = created(Level.ADVANCED, 6, base.plusSeconds(3), "carol");
        rooms.addMember(left.roomId(), "alice");
        rooms.removeMember(left.roomId(), "alice");
        created(Level.BEGINNER, 6, base.plusSeconds(4), "dave");

        Page<Room> page = rooms.list(new RoomFilter(null, "alice"), PageRequest.first(10));

        assertThat(page.items()).extracting(Room::roomId).containsExactly(joined.roomId(), created.roomId());
        assertThat(rooms.list(new RoomFilter(null, "nobody"), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void listByLevelAndMemberAppliesBoth() {
        Room beginner = created(Level.BEGINNER, 6, base.plusSeconds(1), "alice");
        created(Level.ADVANCED, 6, base.plusSeconds(2), "alice");
        created(Level.BEGINNER, 6, base.plusSeconds(3), "bob");

        Page<Room> page = rooms.list(new RoomFilter(Level.BEGINNER, "alice"), PageRequest.first(10));

        assertThat(page.items()).extracting(Room::roomId).containsExactly(beginner.roomId());
    }

    @Test
    void aPageOfExactlyTheRemainingRoomsIsTheLastPage() {
        created(Level.BEGINNER, 6, base.plusSeconds(1), "a");
        created(Level.BEGINNER, 6, base.plusSeconds(2), "a");
        created(Level.BEGINNER, 6, base.plusSeconds(3), "a");

        Page<Room> all = rooms.list(RoomFilter.ALL, PageRequest.first(3));
        assertThat(all.items()).hasSize(3);
        assertThat(all.nextPosition()).as("nothing follows a full last page").isNull();

        Page<Room> first = rooms.list(RoomFilter.ALL, PageRequest.first(2));
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextPosition()).isNotNull();
        Page<Room> second = rooms.list(RoomFilter.ALL, new PageRequest(2, first.nextPosition()));
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextPosition()).isNull();
    }

    @Test
    void pagingReturnsEveryRoomExactlyOnceNewestFirstEvenWithIdenticalCreationTimes() {
        // 25 rooms over 8 instants: several rooms share each createdAt, and pages of 7 cut through the groups.
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            all.add(created(Level.values()[i % 3], 6, base.plusMillis(i / 4), "u" + i).roomId());
        }

        List<Page<Room>> pages = allPages(RoomFilter.ALL, 7);

        assertThat(pages).extracting(p -> p.items().size()).containsExactly(7, 7, 7, 4);
        List<String> ids = idsOf(pages);
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertNewestFirst(pages.stream().flatMap(p -> p.items().stream()).toList());
        assertThat(pages.get(pages.size() - 1).hasMore()).isFalse();
        pages.subList(0, pages.size() - 1).forEach(p -> assertThat(p.hasMore()).isTrue());
    }

    @Test
    void pagingWithALevelFilterReturnsEveryRoomOfThatLevelExactlyOnce() {
        Set<String> intermediate = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            Level level = i % 2 == 0 ? Level.INTERMEDIATE : Level.values()[i % 3];
            Room room = created(level, 6, base.plusMillis(i / 5), "u" + i);
            if (level == Level.INTERMEDIATE) intermediate.add(room.roomId());
        }

        List<Page<Room>> pages = allPages(new RoomFilter(Level.INTERMEDIATE, null), 4);

        List<String> ids = idsOf(pages);
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(intermediate);
        List<Room> listed = pages.stream().flatMap(p -> p.items().stream()).toList();
        assertThat(listed).allSatisfy(r -> assertThat(r.level()).isEqualTo(Level.INTERMEDIATE));
        assertNewestFirst(listed);
        pages.forEach(p -> assertThat(p.items()).hasSizeLessThanOrEqualTo(4));
        pages.subList(0, pages.size() - 1).forEach(p -> assertThat(p.items()).hasSize(4));
    }

    @Test
    void pagingWithAMemberFilterReturnsEveryRoomOfThatMemberExactlyOnce() {
        Set<String> alices = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            Room room = created(Level.BEGINNER, 6, base.plusMillis(i / 3), "u" + i);
            if (i % 3 != 1) {
                changedRoom(rooms.addMember(room.roomId(), "alice"));
                alices.add(room.roomId());
            }
        }

        List<Page<Room>> pages = allPages(new RoomFilter(null, "alice"), 5);

        List<String> ids = idsOf(pages);
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(alices);
        assertNewestFirst(pages.stream().flatMap(p -> p.items().stream()).toList());
        pages.subList(0, pages.size() - 1).forEach(p -> assertThat(p.items()).hasSize(5));
    }

    @Test
    void pagingContinuesWhenTheRoomAtThePositionIsDeleted() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 6; i++) newestFirst.add(0, created(Level.BEGINNER, 6, base.plusSeconds(i), "u" + i).roomId());

        Page<Room> first = rooms.list(RoomFilter.ALL, PageRequest.first(3));
        assertThat(first.items()).extracting(Room::roomId).containsExactlyElementsOf(newestFirst.subList(0, 3));
        rooms.delete(newestFirst.get(2));

        Page<Room> second = rooms.list(RoomFilter.ALL, new PageRequest(3, first.nextPosition()));

        assertThat(second.items()).extracting(Room::roomId).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(second.nextPosition()).isNull();
    }

    // ---- concurrency ----------------------------------------------------------------------------------------

    @Test
    void concurrentJoinsNeverTakeMorePlacesThanTheRoomHas() {
        Room room = created(Level.BEGINNER, 6, base, "owner");

        List<MembershipChange> outcomes = Concurrently.run(20, i -> rooms.addMember(room.roomId(), "user" + i));

        assertThat(outcomes).filteredOn(MembershipChange.Changed.class::isInstance).hasSize(5);
        assertThat(outcomes).filteredOn(MembershipChange.Full.class::isInstance).hasSize(15);
        Room found = stored(room.roomId());
        assertThat(found.memberIds()).hasSize(6).doesNotHaveDuplicates().startsWith("owner");
        assertThat(found.currentMembers()).isEqualTo(6);
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof MembershipChange.Changed) winners.add("user" + i);
        }
        assertThat(found.memberIds().subList(1, 6)).containsExactlyInAnyOrderElementsOf(winners);
    }

    @Test
    void concurrentJoinsOfOneUserAddItOnce() {
        Room room = created("owner");

        List<MembershipChange> outcomes = Concurrently.run(10, i -> rooms.addMember(room.roomId(), "bob"));

        assertThat(outcomes).filteredOn(MembershipChange.Changed.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(MembershipChange.AlreadyMember.class::isInstance).hasSize(9);
        assertThat(stored(room.roomId()).memberIds()).containsExactly("owner", "bob");
    }

    @Test
    void concurrentJoinsAndLeavesKeepTheCountEqualToTheMembers() {
        Room room = created(Level.BEGINNER, 20, base, "owner");
        for (int i = 0; i < 8; i++) changedRoom(rooms.addMember(room.roomId(), "old" + i));

        List<MembershipChange> outcomes = Concurrently.run(16, i -> i % 2 == 0
                ? rooms.addMember(room.roomId(), "new" + i)
                : rooms.removeMember(room.roomId(), "old" + (i / 2)));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(MembershipChange.Changed.class));
        Room found = stored(room.roomId());
        assertThat(found.memberIds()).containsExactlyInAnyOrder(
                "owner", "new0", "new2", "new4", "new6", "new8", "new10", "new12", "new14");
        assertThat(found.currentMembers()).isEqualTo(9);
    }
}
