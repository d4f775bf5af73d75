package com.englishstudy.chat.dynamodb.table;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The key attributes every item of the table may carry (seed section 3), and the schema lines that map them.
 * An item type adds the keys it uses: the primary key always, GSI1 and GSI2 where it appears in them; keys it
 * does not add are never written.
 */
public abstract class KeyedItem {
    protected String pk;
    protected String sk;
    protected String gsi1pk;
    protected String gsi1sk;
    protected String gsi2pk;
    protected String gsi2sk;

    public static <T extends KeyedItem> StaticTableSchema.Builder<T> primaryKey(StaticTableSchema.Builder<T> schema) {
        return schema
                .addAttribute(String.class, a -> a.name(ChatTable.PK).getter(KeyedItem::getPk)
                        .setter(KeyedItem::setPk).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(ChatTable.SK).getter(KeyedItem::getSk)
                        .setter(KeyedItem::setSk).tags(primarySortKey()));
    }

    public static <T extends KeyedItem> StaticTableSchema.Builder<T> gsi1(StaticTableSchema.Builder<T> schema) {
        return schema
                .addAttribute(String.class, a -> a.name(ChatTable.GSI1_PK).getter(KeyedItem::getGsi1pk)
                        .setter(KeyedItem::setGsi1pk).tags(secondaryPartitionKey(ChatTable.GSI1)))
                .addAttribute(String.class, a -> a.name(ChatTable.GSI1_SK).getter(KeyedItem::getGsi1sk)
                        .setter(KeyedItem::setGsi1sk).tags(secondarySortKey(ChatTable.GSI1)));
    }

    public static <T extends KeyedItem> StaticTableSchema.Builder<T> gsi2(StaticTableSchema.Builder<T> schema) {
        return schema
                .addAttribute(String.class, a -> a.name(ChatTable.GSI2_PK).getter(KeyedItem::getGsi2pk)
                        .setter(KeyedItem::setGsi2pk).tags(secondaryPartitionKey(ChatTable.GSI2)))
                .addAttribute(String.class, a -> a.name(ChatTable.GSI2_SK).getter(KeyedItem::getGsi2sk)
                        .setter(KeyedItem::setGsi2sk).tags(secondarySortKey(ChatTable.GSI2)));
    }

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }
    public String getGsi1pk() { return gsi1pk; }
    public void setGsi1pk(String gsi1pk) { this.gsi1pk = gsi1pk; }
    public String getGsi1sk() { return gsi1sk; }
    public void setGsi1sk(String gsi1sk) { this.gsi1sk = gsi1sk; }
    public String getGsi2pk() { return gsi2pk; }
    public void setGsi2pk(String gsi2pk) { this.gsi2pk = gsi2pk; }
    public String getGsi2sk() { return gsi2sk; }
    public void setGsi2sk(String gsi2sk) { this.gsi2sk = gsi2sk; }
}
