package io.rapport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database of this test pass, chosen by the build: H2 (default-test) or PostgreSQL (the postgres pass).
 * Before the first test it empties the database, so every run starts from the migrations. When PostgreSQL
 * does not answer, the PostgreSQL pass is skipped with a message, except on CI ({@code CI} set), where a
 * missing database is a failure.
 */
public final class TestDatabase implements ExecutionCondition {

    private static final String PID = Long.toString(ProcessHandle.current().pid());

    private static volatile String unavailable;
    private static FileLock runLock;
    private static volatile boolean prepared;

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("rapport.test.database"));
    }

    public static String url() {
        return System.getProperty("spring.datasource.url");
    }

    public static String user() {
        return System.getProperty("spring.datasource.username");
    }

    /**
     * Empties the database once per JVM; returns why the database cannot be used, or null. Test runs on one
     * machine share the database, so a run first waits for any other run to end (a file lock held until exit).
     */
    public static synchronized String prepare() {
        if (!prepared) {
            prepared = true;
            waitForOtherRuns();
            if (!postgres()) {
                // Each test JVM has H2 files of its own, so runs never meet on a locked file.
                System.setProperty("spring.datasource.url", url().replace("/h2/rapport;", "/h2/" + PID + "/rapport;"));
            }
            try (Connection connection = DriverManager.getConnection(url(), user(), "");
                    Statement statement = connection.createStatement()) {
                statement.execute(postgres() ? "drop schema if exists rapport_test cascade" : "drop all objects");
            } catch (SQLException e) {
                unavailable = "No database at " + url() + " (" + e.getMessage() + ")";
            }
        }
        return unavailable;
    }

    private static void waitForOtherRuns() {
        try {
            FileChannel channel = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "rapport-test.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.err.println("Waiting for another Rapport test run on this machine to finish…");
                lock = channel.lock();
            }
            // Held in a static field until this JVM exits: a collected channel would close and free the lock.
            runLock = lock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A second, empty database beside the suite's (an H2 file or a PostgreSQL schema named after
     * {@code name}), for a test that needs a Rapport of its own: a fresh install, or a process it kills.
     * Returns the Spring properties that point Rapport at it.
     */
    public static Map<String, String> isolated(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Use lower-case letters and _ for the database name");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.username", user());
        if (postgres()) {
            String schema = "rapport_" + name;
            execute(url(), "drop schema if exists " + schema + " cascade");
            properties.put("spring.datasource.url", url().replace("currentSchema=rapport_test", "currentSchema=" + schema));
            properties.put("spring.flyway.default-schema", schema);
        } else {
            String isolatedUrl = "jdbc:h2:file:" + Path.of("target", "h2-" + name, PID, "rapport").toAbsolutePath() + ";"
                    + System.getProperty("rapport.test.h2-options");
            execute(isolatedUrl, "drop all objects");
            properties.put("spring.datasource.url", isolatedUrl);
        }
        return properties;
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the database " + url, e);
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem = prepare();
        if (problem == null) {
            return ConditionEvaluationResult.enabled("database ready");
        }
        if (!postgres() || System.getenv("CI") != null) {
            throw new IllegalStateException(problem);
        }
        return ConditionEvaluationResult.disabled("PostgreSQL pass skipped: " + problem
                + ". Start PostgreSQL on 127.0.0.1:5432 or pass -Drapport.test.postgres.url=… to run it.");
    }
}
