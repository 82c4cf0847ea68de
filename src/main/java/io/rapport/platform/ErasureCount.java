package io.rapport.platform;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** How many rows of each table one module erased for a person: counts only, never what they held. */
public record ErasureCount(Map<String, Long> rowsByTable) {

    public ErasureCount {
        rowsByTable = Collections.unmodifiableMap(new TreeMap<>(rowsByTable));
    }

    public static ErasureCount of(Map<String, ? extends Number> rowsByTable) {
        Map<String, Long> rows = new TreeMap<>();
        rowsByTable.forEach((table, count) -> rows.put(table, count.longValue()));
        return new ErasureCount(rows);
    }

    public long total() {
        return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
