package com.englishstudy.chat.dynamodb.contract;

import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.domain.contract.RoomRepositoryContract;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import org.junit.jupiter.api.AfterEach;

/** The domain's storage contract for {@link RoomRepository}, on dynalite, a fresh table per test. */
class DynamoDbRoomRepositoryContractTest extends RoomRepositoryContract {
    private String table;

    @Override
    protected RoomRepository newRoomRepository() {
        table = Dynalite.shared().newTable("rooms");
        return DynamoDbStorage.create(Dynalite.shared().client(), table).rooms();
    }

    @AfterEach
    void dropTable() {
        if (table != null) Dynalite.shared().deleteTable(table);
    }
}
