package io.rapport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A shop's web server for browser tests: serves pages from {@code http://127.0.0.1:<port>}, an origin other than
 * Rapport's ({@code localhost}), so the pages' calls to Rapport are cross-origin as in production.
 */
public final class ShopServer implements AutoCloseable {

    /** What a path serves. */
    public record Resource(String contentType, byte[] body) {

        public static Resource html(String html) {
            return new Resource("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        }

        public static Resource javascript(byte[] script) {
            return new Resource("text/javascript; charset=utf-8", script);
        }
    }

    private final HttpServer server;

    private ShopServer(HttpServer server) {
        this.server = server;
    }

    /** Serves what {@code pages} gives for each path; a path it has nothing for is 404. */
    public static ShopServer start(Function<String, @Nullable Resource> pages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            Resource resource = pages.apply(exchange.getRequestURI().getPath());
            if (resource == null) {
                respond(exchange, 404, new Resource("text/plain", "Not found".getBytes(StandardCharsets.UTF_8)));
            } else {
                respond(exchange, 200, resource);
            }
        });
        server.start();
        return new ShopServer(server);
    }

    private static void respond(HttpExchange exchange, int status, Resource resource) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", resource.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, resource.body().length);
            exchange.getResponseBody().write(resource.body());
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A test resource's bytes, e.g. {@code /analytics-next/analytics-next.umd.js}. */
    public static byte[] testResource(String path) {
        try (InputStream in = Objects.requireNonNull(ShopServer.class.getResourceAsStream(path), path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
