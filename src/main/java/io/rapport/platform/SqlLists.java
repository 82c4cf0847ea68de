package io.rapport.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Values for SQL {@code in (:values)} lists, in pieces small enough for every database's parameter limit. */
public final class SqlLists {

    /** Values per piece: far below PostgreSQL's 32,767 parameters per statement. */
    public static final int SIZE = 500;

    private SqlLists() {
    }

    public static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SIZE) {
            chunks.add(all.subList(i, Math.min(all.size(), i + SIZE)));
        }
        return chunks;
    }
}
