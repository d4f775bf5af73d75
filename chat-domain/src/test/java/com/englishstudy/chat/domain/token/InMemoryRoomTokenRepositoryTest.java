package com.englishstudy.chat.domain.token;

import com.englishstudy.chat.domain.contract.RoomTokenRepositoryContract;
import java.time.Clock;

class InMemoryRoomTokenRepositoryTest extends RoomTokenRepositoryContract {
    @Override
    protected RoomTokenRepository newRoomTokenRepository() {
        return new InMemoryRoomTokenRepository(Clock.systemUTC());
    }
}
