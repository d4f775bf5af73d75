package com.englishstudy.chat.domain.connection;

import com.englishstudy.chat.domain.contract.ConnectionRepositoryContract;

class InMemoryConnectionRepositoryTest extends ConnectionRepositoryContract {
    @Override
    protected ConnectionRepository newConnectionRepository() {
        return new InMemoryConnectionRepository();
    }
}
