package io.rapport.feedback.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * A page trigger's URL pattern: {@code *} stands for any characters, everything else for itself. A pattern that
 * starts with {@code /} is matched against the URL's path, and its query too if the pattern has a {@code ?};
 * any other pattern against the whole URL without its fragment.
 */
final class UrlPattern {

    private final Pattern regex;
    private final boolean pathOnly;
    private final boolean withQuery;

    UrlPattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        this.regex = Pattern.compile(regex.toString(), Pattern.DOTALL);
        this.pathOnly = pattern.startsWith("/");
        this.withQuery = pattern.contains("?");
    }

    boolean matches(String url) {
        int fragment = url.indexOf('#');
        String target = fragment < 0 ? url : url.substring(0, fragment);
        if (pathOnly) {
            try {
                URI uri = new URI(target);
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                target = withQuery && uri.getRawQuery() != null ? path + "?" + uri.getRawQuery() : path;
            } catch (URISyntaxException e) {
                return false;
            }
        }
        return regex.matcher(target).matches();
    }
}
