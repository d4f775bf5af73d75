package com.englishstudy.chat.dynamodb.contract;

import com.englishstudy.chat.domain.ChatStorage;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.contract.ConnectionRepositoryContract;
import com.englishstudy.chat.domain.contract.MessageRepositoryContract;
import com.englishstudy.chat.domain.contract.RoomRepositoryContract;
import com.englishstudy.chat.domain.contract.RoomTokenRepositoryContract;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.domain.token.RoomTokenRepository;
import com.englishstudy.chat.dynamodb.DynamoDbStorage;
import com.englishstudy.chat.dynamodb.table.TableBootstrap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same storage contract on LocalStack's DynamoDB, which (unlike dynalite) is built on DynamoDB Local. Needs a
 * Docker engine; where there is none, the whole class is skipped, not failed.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContractTest {
    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4")).withServices(LocalStackContainer.Service.DYNAMODB);

    private static DynamoDbClient client;

    static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClient.builder()
                    .endpointOverride(LOCALSTACK.getEndpoint())
                    .region(Region.of(LOCALSTACK.getRegion()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
        return client;
    }

    @AfterAll
    static synchronized void closeClient() {
        if (client != null) client.close();
        client = null;
    }

    /** A fresh table per test, as the kit asks for an empty repository each time. */
    abstract static class TablePerTest {
        private String table;

        ChatStorage freshStorage() {
            table = "chat-" + UUID.randomUUID().toString().substring(0, 8);
            TableBootstrap.ensureTable(client(), table);
            return DynamoDbStorage.create(client(), table);
        }

        void dropTable() {
            if (table != null) client().deleteTable(r -> r.tableName(table));
        }
    }

    @Nested
    class Rooms extends RoomRepositoryContract {
        private final TablePerTest tables = new TablePerTest() {};

        @Override
        protected RoomRepository newRoomRepository() {
            return tables.freshStorage().rooms();
        }

        @AfterEach
        void dropTable() {
            tables.dropTable();
        }
    }

    @Nested
    class Messages extends MessageRepositoryContract {
        private final TablePerTest tables = new TablePerTest() {};

        @Override
        protected MessageRepository newMessageRepository() {
            return tables.freshStorage().messages();
        }

        @AfterEach
        void dropTable() {
            tables.dropTable();
        }
    }

    @Nested
    class Connections extends ConnectionRepositoryContract {
        private final TablePerTest tables = new TablePerTest() {};

        @Override
        protected ConnectionRepository newConnectionRepository() {
            return tables.freshStorage().connections();
        }

        @AfterEach
        void dropTable() {
            tables.dropTable();
        }
    }

    @Nested
    class Tokens extends RoomTokenRepositoryContract {
        private final TablePerTest tables = new TablePerTest() {};

        @Override
        protected RoomTokenRepository newRoomTokenRepository() {
            return tables.freshStorage().tokens();
        }

        @AfterEach
        void dropTable() {
            tables.dropTable();
        }
    }
}
