package io.rapport.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rapport in a JVM of its own, started from the build's classes and runtime class path, so that a test can
 * kill it the way the operating system would ({@code SIGKILL}) or stop it the way an operator does
 * ({@code SIGTERM}). Its standard output and error are appended to a file, which failure messages quote.
 */
public final class RapportProcess implements AutoCloseable {

    /** A start takes 4–10 s; on a loaded two-core machine (a parallel build) it has taken over a minute. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final int port;
    private final Path output;

    private RapportProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Starts Rapport on a free port and waits until {@code /actuator/health} answers UP.
     *
     * @param properties Spring properties, passed as {@code --key=value} arguments
     * @param environment extra environment variables
     * @param output the file standard output and error are appended to
     */
    public static RapportProcess start(Map<String, String> properties, Map<String, String> environment, Path output) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classPath());
        command.add("io.rapport.RapportApplication");
        command.add("--server.port=" + port);
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        RapportProcess rapport = new RapportProcess(process, port, output);
        try {
            rapport.awaitHealthy();
        } catch (RuntimeException | Error e) {
            rapport.close();
            throw e;
        }
        return rapport;
    }

    private static String classPath() {
        String classesDir = System.getProperty("rapport.test.classes-dir");
        String classPathFile = System.getProperty("rapport.test.classpath-file");
        if (classesDir == null || classPathFile == null) {
            throw new IllegalStateException("rapport.test.classes-dir and rapport.test.classpath-file are set by "
                    + "the build (surefire); run this test through Maven");
        }
        try {
            return classesDir + File.pathSeparator + Files.readString(Path.of(classPathFile)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Rapport exited with code " + process.exitValue()
                        + " before it was healthy. Its output:\n" + outputTail());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("Rapport was not healthy within " + HEALTH_TIMEOUT + " (last: " + last
                + "). Its output:\n" + outputTail());
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code SIGKILL} on Linux: no shutdown hook, no graceful stop, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** {@code SIGTERM}: the graceful shutdown an operator's {@code systemctl stop} does; returns the exit code. */
    public int stop(Duration timeout) {
        process.destroy();
        if (!awaitExit(timeout)) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
            throw new IllegalStateException("Rapport did not stop within " + timeout + " of SIGTERM. Its output:\n"
                    + outputTail());
        }
        return process.exitValue();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last 20,000 characters of the process output (all starts that share the file). */
    public String outputTail() {
        try {
            String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
            return text.length() <= 20_000 ? text : "…" + text.substring(text.length() - 20_000);
        } catch (IOException e) {
            return "(output " + output + " unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
