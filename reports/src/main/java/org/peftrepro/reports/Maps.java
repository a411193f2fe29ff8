package org.peftrepro.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Map helpers for record fields read from JSON, where a map may be absent or hold null values. */
final class Maps {

    private Maps() {}

    /**
     * An unmodifiable copy that keeps insertion order and tolerates null values ({@link Map#copyOf}
     * rejects them), or an empty map for null.
     */
    static <K, V> Map<K, V> frozenCopy(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
