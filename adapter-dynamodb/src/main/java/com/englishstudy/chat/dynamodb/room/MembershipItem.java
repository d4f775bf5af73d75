package com.englishstudy.chat.dynamodb.room;


import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.dynamodb.table.KeyedItem;
import com.englishstudy.chat.dynamodb.table.Timestamps;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An item the seed does not have: "user U is in room R", so that "rooms I joined" is a query on the user's
 * own partition instead of a filter over all rooms. It is only an index: the room item's {@code memberIds}
 * stays the truth, and a membership whose room does not list the user is skipped on read.
 *
 * <p>Base key {@code USER#{userId}} / {@code ROOM#{createdAt}#{roomId}} lists every level newest first;
 * GSI2 {@code USER#{userId}#ROOMS#{level}} / same sort key lists one level newest first.
 */
final class MembershipItem extends KeyedItem {
    static final String USER_PREFIX = "USER#";
    static final String ROOM_PREFIX = "ROOM#";

    static final TableSchema<MembershipItem> SCHEMA = KeyedItem.gsi2(KeyedItem.primaryKey(
            StaticTableSchema.builder(MembershipItem.class)))
            .newItemSupplier(MembershipItem::new)
            .addAttribute(String.class, a -> a.name("roomId").getter(MembershipItem::getRoomId)
                    .setter(MembershipItem::setRoomId))
            .addAttribute(String.class, a -> a.name("userId").getter(MembershipItem::getUserId)
                    .setter(MembershipItem::setUserId))
            .build();

    private String roomId;
    private String userId;

    /** What a membership needs to know of its room; both facts never change for a room. */
    record RoomFacts(String roomId, Level level, Instant createdAt) {}

    static String userPartition(String userId) {
        return USER_PREFIX + userId;
    }

    static String userLevelPartition(String userId, Level level) {
        return USER_PREFIX + userId + "#ROOMS#" + level.wire();
    }

    static String sortKey(RoomFacts room) {
        return ROOM_PREFIX + Timestamps.sortable(room.createdAt()) + "#" + room.roomId();
    }

    static Key key(String userId, RoomFacts room) {
        return Key.builder().partitionValue(userPartition(userId)).sortValue(sortKey(room)).build();
    }

    static MembershipItem of(String userId, RoomFacts room) {
        MembershipItem item = new MembershipItem();
        item.pk = userPartition(userId);
        item.sk = sortKey(room);
        item.gsi2pk = userLevelPartition(userId, room.level());
        item.gsi2sk = item.sk;
        item.roomId = room.roomId();
        item.userId = userId;
        return item;
    }

    public String getRoomId() { return roomId; }
    public void setRoomId(String roomId) { this.roomId = roomId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
}
