package com.englishstudy.chat.dynamodb.contract;

import com.englishstudy.chat.domain.token.RoomTokenRepository;
import com.englishstudy.chat.domain.contract.RoomTokenRepositoryContract;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import org.junit.jupiter.api.AfterEach;

/** The domain's storage contract for {@link RoomTokenRepository}, on dynalite, a fresh table per test. */
class DynamoDbRoomTokenRepositoryContractTest extends RoomTokenRepositoryContract {
    private String table;

    @Override
    protected RoomTokenRepository newRoomTokenRepository() {
        table = Dynalite.shared().newTable("tokens");
        return DynamoDbStorage.create(Dynalite.shared().client(), table).tokens();
    }

    @AfterEach
    void dropTable() {
        if (table != null) Dynalite.shared().deleteTable(table);
    }
}
