package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.ListingPosition;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** Rooms in memory; each change is one atomic {@link ConcurrentHashMap#compute}. Thread-safe. */
public final class InMemoryRoomRepository implements RoomRepository {
    /** Newest first, ties broken by id so the order is total and a position names one place. */
    private static final Comparator<ListingPosition> NEWEST_FIRST =
            Comparator.comparingLong(ListingPosition::createdAtMillis).reversed().thenComparing(ListingPosition::id);

    private final ConcurrentHashMap<String, Room> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<ListingPosition> listing = new ConcurrentSkipListSet<>(NEWEST_FIRST);

    @Override
    public void create(Room room) {
        if (byId.putIfAbsent(room.roomId(), room) != null) {
            throw new IllegalStateException("room id already used: " + room.roomId());
        }
        listing.add(keyOf(room));
    }

    @Override
    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(byId.get(roomId));
    }

    @Override
    public MembershipChange addMember(String roomId, String userId) {
        MembershipChange[] outcome = {new MembershipChange.NoSuchRoom()};
        byId.computeIfPresent(roomId, (id, room) -> {
            if (room.isMember(userId)) {
                outcome[0] = new MembershipChange.AlreadyMember(room);
                return room;
            }
            if (room.isFull()) {
                outcome[0] = new MembershipChange.Full(room);
                return room;
            }
            List<String> members = new ArrayList<>(room.memberIds());
            members.add(userId);
            Room after = room.withMembers(members);
            outcome[0] = new MembershipChange.Changed(after);
            return after;
        });
        return outcome[0];
    }

    @Override
    public MembershipChange removeMember(String roomId, String userId) {
        MembershipChange[] outcome = {new MembershipChange.NoSuchRoom()};
        byId.computeIfPresent(roomId, (id, room) -> {
            if (!room.isMember(userId)) {
                outcome[0] = new MembershipChange.NotMember(room);
                return room;
            }
            List<String> members = new ArrayList<>(room.memberIds());
            members.remove(userId);
            Room after = room.withMembers(members);
            outcome[0] = new MembershipChange.Changed(after);
            return after;
        });
        return outcome[0];
    }

    @Override
    public boolean deleteIfEmpty(String roomId) {
        boolean[] deleted = {false};
        byId.computeIfPresent(roomId, (id, room) -> {
            if (room.currentMembers() > 0) return room;
            deleted[0] = true;
            listing.remove(keyOf(room));
            return null;
        });
        return deleted[0];
    }

    @Override
    public void delete(String roomId) {
        Room removed = byId.remove(roomId);
        if (removed != null) listing.remove(keyOf(removed));
    }

    @Override
    public void recordMessage(String roomId, Instant at) {
        byId.computeIfPresent(roomId, (id, room) -> room.withMessageAt(at));
    }

    @Override
    public Page<Room> list(RoomFilter filter, PageRequest page) {
        var candidates = page.after() == null ? listing : listing.tailSet(ListingPosition.parse(page.after()), false);
        List<Room> found = new ArrayList<>(page.limit());
        ListingPosition last = null;
        for (ListingPosition key : candidates) {
            Room room = byId.get(key.id());
            if (room == null || !matches(filter, room)) continue;
            if (found.size() == page.limit()) {
                return new Page<>(found, last.text());
            }
            found.add(room);
            last = key;
        }
        return new Page<>(found, null);
    }

    /** How many rooms there are; for health reports. */
    public int size() {
        return byId.size();
    }

    private static boolean matches(RoomFilter filter, Room room) {
        return (filter.level() == null || filter.level() == room.level())
                && (filter.memberId() == null || room.isMember(filter.memberId()));
    }

    private static ListingPosition keyOf(Room room) {
        return new ListingPosition(room.createdAt().toEpochMilli(), room.roomId());
    }

    /** Only for tests that need to see everything at once. */
    Map<String, Room> snapshot() {
        return Map.copyOf(byId);
    }
}
