package com.englishstudy.chat.dynamodb.contract;

import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.contract.MessageRepositoryContract;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.testing.Dynalite;
import org.junit.jupiter.api.AfterEach;

/** The domain's storage contract for {@link MessageRepository}, on dynalite, a fresh table per test. */
class DynamoDbMessageRepositoryContractTest extends MessageRepositoryContract {
    private String table;

    @Override
    protected MessageRepository newMessageRepository() {
        table = Dynalite.shared().newTable("messages");
        return DynamoDbStorage.create(Dynalite.shared().client(), table).messages();
    }

    @AfterEach
    void dropTable() {
        if (table != null) Dynalite.shared().deleteTable(table);
    }
}
