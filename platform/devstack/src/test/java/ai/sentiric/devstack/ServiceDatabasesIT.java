package ai.sentiric.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sentiric.testkit.Infrastructure;
import ai.sentiric.testkit.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stack's databases on a real PostgreSQL: kept by default, fresh and dropped in scratch mode. */
class ServiceDatabasesIT {

    private static final Map<String, String> SCRATCH = Map.of("SENTIRIC_SCRATCH_DATABASES", "true");

    private final PostgresEndpoint postgres = Infrastructure.shared().postgres();
    private final String database = "devstack_" + Infrastructure.shared().runId();

    @Test
    void aScratchRunStartsEmptyEvenAfterARunThatWasKilledAndDropsItsDatabaseWhenItStops() throws SQLException {
        var killed = new ServiceDatabases(postgres, SCRATCH);
        String url = killed.url(database);
        assertThat(url).endsWith("/" + database + "_scratch");
        execute(url, "CREATE TABLE calls (call_id text)");
        // never closed, as when the stack was killed

        try (var next = new ServiceDatabases(postgres, SCRATCH)) {
            assertThat(next.url(database)).isEqualTo(url);
            assertThat(tables(url)).isZero();
        }

        assertThat(exists(database + "_scratch")).isFalse();
    }

    @Test
    void byDefaultAServiceKeepsItsDatabaseAndItsDataBetweenRuns() throws SQLException {
        try {
            String url;
            try (var first = new ServiceDatabases(postgres, Map.of())) {
                url = first.url(database);
                assertThat(url).endsWith("/" + database);
                execute(url, "CREATE TABLE calls (call_id text)");
            }
            try (var second = new ServiceDatabases(postgres, Map.of("SENTIRIC_SCRATCH_DATABASES", "false"))) {
                assertThat(second.url(database)).isEqualTo(url);
                assertThat(tables(url)).isOne();
            }
        } finally {
            postgres.dropDatabase(database);
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, postgres.user(), postgres.password());
    }

    private void execute(String url, String sql) throws SQLException {
        try (var connection = connect(url); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private int tables(String url) throws SQLException {
        try (var connection = connect(url); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private boolean exists(String name) throws SQLException {
        try (var connection = connect(postgres.jdbcUrl("postgres"));
             var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
