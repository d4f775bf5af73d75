package com.englishstudy.chat.dynamodb.contract;

import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.contract.ConnectionRepositoryContract;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import org.junit.jupiter.api.AfterEach;

/** The domain's storage contract for {@link ConnectionRepository}, on dynalite, a fresh table per test. */
class DynamoDbConnectionRepositoryContractTest extends ConnectionRepositoryContract {
    private String table;

    @Override
    protected ConnectionRepository newConnectionRepository() {
        table = Dynalite.shared().newTable("connections");
        return DynamoDbStorage.create(Dynalite.shared().client(), table).connections();
    }

    @AfterEach
    void dropTable() {
        if (table != null) Dynalite.shared().deleteTable(table);
    }
}
