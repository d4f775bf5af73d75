package com.englishstudy.chat.domain.common;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, newest first.
 *
 * @param nextPosition where the next page starts, in the storage's own terms; {@code null} on the last page.
 *                     Drivers never hand it out as is: they seal it into a signed cursor.
 */
public record Page<T>(List<T> items, String nextPosition) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextPosition != null;
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextPosition);
    }
}
