package com.englishstudy.chat.domain.message;

import java.util.function.IntFunction;

/** The order of message listings, kept in arrays: by createdAt millisecond, then by messageId. */
final class TimeOrder {
    private TimeOrder() {}

    /**
     * The first index of {@code [0, size)} whose entry does not sort before (keyMillis, keyId): where that key
     * is inserted, or where a page that continues after it ends. {@code idAt} is asked only on a tie of
     * milliseconds, so most appends look at nothing but the last entry's millisecond.
     */
    static int firstNotBefore(long[] millis, int size, long keyMillis, String keyId, IntFunction<String> idAt) {
        if (size == 0 || keyMillis > millis[size - 1]) return size;
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int c = Long.compare(keyMillis, millis[mid]);
            if (c == 0) c = keyId.compareTo(idAt.apply(mid));
            if (c > 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
