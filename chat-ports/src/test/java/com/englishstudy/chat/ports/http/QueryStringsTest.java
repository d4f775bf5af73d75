package com.englishstudy.chat.ports.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringsTest {
    @Test
    void namesAndValuesAreDecodedAndTheFirstOfARepeatedNameWins() {
        assertThat(QueryStrings.parse("level=beginner&limit=5&limit=7&userId=kim%40school.kr&q=a+b%2Bc"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("level", "beginner", "limit", "5", "userId", "kim@school.kr",
                        "q", "a b+c"));
    }

    @Test
    void aNameWithoutAValueHasTheEmptyValueAndEmptyPairsAreSkipped() {
        assertThat(QueryStrings.parse("joined&&limit=&")).containsExactlyInAnyOrderEntriesOf(Map.of("joined", "", "limit", ""));
        assertThat(QueryStrings.parse(null)).isEmpty();
        assertThat(QueryStrings.parse("")).isEmpty();
    }

    @Test
    void utf8IsDecodedWholeAcrossItsEscapes() {
        assertThat(QueryStrings.parse("name=%C3%A9t%C3%A9&e=%F0%9F%98%80")).containsEntry("name", "été").containsEntry("e", "😀");
    }

    @ParameterizedTest
    @ValueSource(strings = {"level=%ZZ", "limit=5%", "limit=5%4", "a%G1=b", "name=%C3", "name=%ED%A0%80", "name=%FF"})
    void aBrokenEscapeOrBytesThatAreNotUtf8AreRefused(String raw) {
        assertThatIllegalArgumentException().isThrownBy(() -> QueryStrings.parse(raw));
    }
}
