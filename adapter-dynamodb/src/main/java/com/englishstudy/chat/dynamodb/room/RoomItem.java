package com.englishstudy.chat.dynamodb.room;


import com.englishstudy.chat.domain.room.Level;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomStatus;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import com.englishstudy.chat.dynamodb.table.KeyedItem;
import com.englishstudy.chat.dynamodb.table.Timestamps;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The ChatRoom item of seed section 3. Its GSI keys differ from the seed's {@code level#createdAt} so that both
 * listings are plain queries (docs/decisions/0004-dynamodb-room-listing-keys.md): GSI1 holds every room newest first,
 * GSI2 the rooms of one level newest first.
 */
final class RoomItem extends KeyedItem {
    static final String ROOM_PREFIX = "ROOM#";
    static final String ALL_ROOMS = "ROOMS";
    static final String LEVEL_ROOMS_PREFIX = "ROOMS#";

    // Attribute names that expressions name through placeholders; several are DynamoDB reserved words.
    static final String MEMBER_IDS = "memberIds";
    static final String CURRENT_MEMBERS = "currentMembers";
    static final String MAX_MEMBERS = "maxMembers";
    static final String STATUS = "status";
    static final String LAST_MESSAGE_AT = "lastMessageAt";

    static final TableSchema<RoomItem> SCHEMA = KeyedItem.gsi2(KeyedItem.gsi1(KeyedItem.primaryKey(
            StaticTableSchema.builder(RoomItem.class))))
            .newItemSupplier(RoomItem::new)
            .addAttribute(String.class, a -> a.name("roomId").getter(RoomItem::getRoomId).setter(RoomItem::setRoomId))
            .addAttribute(String.class, a -> a.name("name").getter(RoomItem::getName).setter(RoomItem::setName))
            .addAttribute(String.class, a -> a.name("description").getter(RoomItem::getDescription)
                    .setter(RoomItem::setDescription))
            .addAttribute(String.class, a -> a.name("level").getter(RoomItem::getLevel).setter(RoomItem::setLevel))
            .addAttribute(Integer.class, a -> a.name(CURRENT_MEMBERS).getter(RoomItem::getCurrentMembers)
                    .setter(RoomItem::setCurrentMembers))
            .addAttribute(Integer.class, a -> a.name(MAX_MEMBERS).getter(RoomItem::getMaxMembers)
                    .setter(RoomItem::setMaxMembers))
            .addAttribute(Boolean.class, a -> a.name("isPrivate").getter(RoomItem::getIsPrivate)
                    .setter(RoomItem::setIsPrivate))
            .addAttribute(String.class, a -> a.name("password").getter(RoomItem::getPassword)
                    .setter(RoomItem::setPassword))
            .addAttribute(String.class, a -> a.name("createdBy").getter(RoomItem::getCreatedBy)
                    .setter(RoomItem::setCreatedBy))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name(MEMBER_IDS).getter(RoomItem::getMemberIds)
                    .setter(RoomItem::setMemberIds))
            .addAttribute(String.class, a -> a.name(STATUS).getter(RoomItem::getStatus).setter(RoomItem::setStatus))
            .addAttribute(String.class, a -> a.name("createdAt").getter(RoomItem::getCreatedAt)
                    .setter(RoomItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name(LAST_MESSAGE_AT).getter(RoomItem::getLastMessageAt)
                    .setter(RoomItem::setLastMessageAt))
            .build();

    private String roomId;
    private String name;
    private String description;
    private String level;
    private Integer currentMembers;
    private Integer maxMembers;
    private Boolean isPrivate;
    private String password;
    private String createdBy;
    private List<String> memberIds;
    private String status;
    private String createdAt;
    private String lastMessageAt;

    static Key key(String roomId) {
        return Key.builder().partitionValue(ROOM_PREFIX + roomId).sortValue(ChatTable.METADATA).build();
    }

    /** Where a room sits in both listings: newest first by millisecond, the id making the order total. */
    static String listingSortKey(Room room) {
        return Timestamps.sortable(room.createdAt()) + "#" + room.roomId();
    }

    static String levelPartition(Level level) {
        return LEVEL_ROOMS_PREFIX + level.wire();
    }

    static RoomItem of(Room room) {
        RoomItem item = new RoomItem();
        item.pk = ROOM_PREFIX + room.roomId();
        item.sk = ChatTable.METADATA;
        item.gsi1pk = ALL_ROOMS;
        item.gsi1sk = listingSortKey(room);
        item.gsi2pk = levelPartition(room.level());
        item.gsi2sk = item.gsi1sk;
        item.roomId = room.roomId();
        item.name = room.name();
        item.description = room.description();
        item.level = room.level().wire();
        item.currentMembers = room.currentMembers();
        item.maxMembers = room.maxMembers();
        item.isPrivate = room.isPrivate();
        item.password = room.passwordHash();
        item.createdBy = room.createdBy();
        item.memberIds = List.copyOf(room.memberIds());
        item.status = room.status().wire();
        item.createdAt = Timestamps.format(room.createdAt());
        item.lastMessageAt = Timestamps.format(room.lastMessageAt());
        return item;
    }

    Room toRoom() {
        return new Room(roomId, name, description, Level.valueOf(level.toUpperCase(Locale.ROOT)), maxMembers,
                Boolean.TRUE.equals(isPrivate), password, createdBy, memberIds == null ? List.of() : memberIds,
                RoomStatus.valueOf(status.toUpperCase(Locale.ROOT)), Timestamps.parse(createdAt),
                Timestamps.parse(lastMessageAt));
    }

    public String getRoomId() { return roomId; }
    public void setRoomId(String roomId) { this.roomId = roomId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getLevel() { return level; }
    public void setLevel(String level) { this.level = level; }
    public Integer getCurrentMembers() { return currentMembers; }
    public void setCurrentMembers(Integer currentMembers) { this.currentMembers = currentMembers; }
    public Integer getMaxMembers() { return maxMembers; }
    public void setMaxMembers(Integer maxMembers) { this.maxMembers = maxMembers; }
    public Boolean getIsPrivate() { return isPrivate; }
    public void setIsPrivate(Boolean isPrivate) { this.isPrivate = isPrivate; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public List<String> getMemberIds() { return memberIds; }
    public void setMemberIds(List<String> memberIds) { this.memberIds = memberIds; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getLastMessageAt() { return lastMessageAt; }
    public void setLastMessageAt(String lastMessageAt) { this.lastMessageAt = lastMessageAt; }
}
