package io.rapport.collect;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One page of a newest-first listing; {@code next} is the cursor of the following page, if any. */
public record Page<T>(List<T> items, @Nullable String next) {
}
