package com.englishstudy.chat.domain.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The contract's times carry milliseconds and no more, so every stored instant is cut to them. */
public final class Times {
    private Times() {}

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
