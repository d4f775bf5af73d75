package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.contract.MessageRepositoryContract;

class InMemoryMessageRepositoryTest extends MessageRepositoryContract {
    @Override
    protected MessageRepository newMessageRepository() {
        return new InMemoryMessageRepository();
    }
}
