package io.rapport.console;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/** Links to console pages with their filters as query parameters, empty ones left out. */
final class QueryLinks {

    private QueryLinks() {
    }

    /** {@code path} with each non-empty parameter, encoded. */
    static String of(String path, Map<String, String> parameters) {
        Map<String, String> given = new LinkedHashMap<>(parameters);
        given.values().removeIf(String::isEmpty);
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        given.keySet().forEach(name -> link.queryParam(name, "{" + name + "}"));
        return link.encode().buildAndExpand(given).toUriString();
    }
}
