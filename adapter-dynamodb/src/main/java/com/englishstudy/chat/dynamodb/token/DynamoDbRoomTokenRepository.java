package com.englishstudy.chat.dynamodb.token;

import com.englishstudy.chat.domain.token.RoomToken;
import com.englishstudy.chat.domain.token.RoomTokenRepository;
import com.englishstudy.chat.dynamodb.table.Batches;
import com.englishstudy.chat.dynamodb.table.ChatTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Room tokens on the single table. Using a token is one conditional DeleteItem returning the old item: DynamoDB
 * applies writes to one item one at a time, so of racing uses exactly one gets the attributes back.
 */
public final class DynamoDbRoomTokenRepository implements RoomTokenRepository {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<TokenItem> tokens;

    public DynamoDbRoomTokenRepository(DynamoDbEnhancedClient enhanced, String tableName) {
        this.enhanced = enhanced;
        this.tokens = enhanced.table(tableName, TokenItem.SCHEMA);
    }

    @Override
    public void save(RoomToken token) {
        tokens.putItem(TokenItem.of(token));
    }

    /** Returns an expired token as well, as the port says: the caller holds the clock, storage TTL is late. */
    @Override
    public Optional<RoomToken> consume(String token) {
        try {
            TokenItem used = tokens.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(TokenItem.key(token))
                    .conditionExpression(ChatTable.ITEM_EXISTS)
                    .build());
            return Optional.ofNullable(used).map(TokenItem::toToken);
        } catch (ConditionalCheckFailedException unknownOrUsed) {
            return Optional.empty();
        }
    }

    @Override
    public void deleteByRoom(String roomId) {
        List<Key> keys = new ArrayList<>();
        tokens.index(ChatTable.GSI1).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k -> k
                                .partitionValue(TokenItem.ROOM_PREFIX + roomId)
                                .sortValue(TokenItem.TOKEN_PREFIX)))
                        .build())
                .forEach(page -> page.items().forEach(item -> keys.add(item.primaryKey())));
        Batches.deleteAll(enhanced, tokens, TokenItem.class, keys);
    }
}
