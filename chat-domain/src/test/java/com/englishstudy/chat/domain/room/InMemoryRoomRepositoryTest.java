package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.contract.RoomRepositoryContract;

class InMemoryRoomRepositoryTest extends RoomRepositoryContract {
    @Override
    protected RoomRepository newRoomRepository() {
        return new InMemoryRoomRepository();
    }
}
