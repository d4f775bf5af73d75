package com.englishstudy.chat.dynamodb.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.englishstudy.chat.domain.common.ChatException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PositionsTest {
    private static final Map<String, Predicate<String>> SHAPE = shape();

    private static Map<String, Predicate<String>> shape() {
        Map<String, Predicate<String>> shape = new LinkedHashMap<>();
        shape.put("PK", "ROOM#r1"::equals);
        shape.put("SK", s -> s.startsWith("MSG#"));
        return shape;
    }

    @Test
    void aKeyComesBackAsItWent() {
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("ROOM#r1"),
                "SK", AttributeValue.fromS("MSG#2026-01-09T10:00:00.000Z#m-ü😀"));
        String position = Positions.encode(key, List.of("PK", "SK"));

        assertThat(position).matches("[A-Za-z0-9_-]+");
        assertThat(Positions.decode(position, SHAPE)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "!!!", "AAAA", "%%", "a", "eyJ0IjoxfQ"})
    void anythingMalformedIsInvalidInput(String position) {
        assertThatThrownBy(() -> Positions.decode(position, SHAPE)).isInstanceOf(ChatException.InvalidInput.class);
    }

    @Test
    void aKeyOfAnotherPartitionOrShapeIsInvalidInput() {
        assertInvalid(encoded("1\u001ePK\u001fROOM#r2\u001eSK\u001fMSG#x"));
        assertInvalid(encoded("1\u001ePK\u001fROOM#r1\u001eSK\u001fIDEM#x"));
        assertInvalid(encoded("1\u001ePK\u001fROOM#r1"));
        assertInvalid(encoded("1\u001ePK\u001fROOM#r1\u001eSK\u001fMSG#x\u001eGSI1PK\u001fROOMS"));
        assertInvalid(encoded("1\u001ePK\u001fROOM#r1\u001ePK\u001fROOM#r1"));
        assertInvalid(encoded("2\u001ePK\u001fROOM#r1\u001eSK\u001fMSG#x"));
        assertInvalid(encoded("1\u001ePK\u001fROOM#r1\u001eSK\u001f"));
        assertInvalid(encoded("1\u001ePK\u001fROOM#r1\u001eSK\u001fMSG#" + "x".repeat(1100)));
        assertInvalid(Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28}));
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(String position) {
        assertThatThrownBy(() -> Positions.decode(position, SHAPE)).isInstanceOf(ChatException.InvalidInput.class);
    }
}
