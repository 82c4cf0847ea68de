package io.rapport.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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

    private static volatile String unavailable;
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

    /** Empties the database once per JVM; returns why the database cannot be used, or null. */
    public static synchronized String prepare() {
        if (!prepared) {
            prepared = true;
            try (Connection connection = DriverManager.getConnection(url(), user(), "");
                    Statement statement = connection.createStatement()) {
                statement.execute(postgres() ? "drop schema if exists rapport_test cascade" : "drop all objects");
            } catch (SQLException e) {
                unavailable = "No database at " + url() + " (" + e.getMessage() + ")";
            }
        }
        return unavailable;
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
