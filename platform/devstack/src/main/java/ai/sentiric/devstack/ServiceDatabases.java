package ai.sentiric.devstack;

import ai.sentiric.testkit.PostgresEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The services' PostgreSQL databases as the local stack runs them. By default each service keeps
 * its own database between runs. With {@code SENTIRIC_SCRATCH_DATABASES=true} every run gets new,
 * empty ones ({@code <name>_scratch}), dropped again when the stack stops: a benchmark then starts
 * from the same empty tables each time instead of from every call the runs before it left (the
 * benchmarks' own stacks run this way; a stack killed before it could drop them leaves them to the
 * next scratch run, which drops them first). Two scratch stacks on one server would share them.
 */
final class ServiceDatabases implements AutoCloseable {

    private static final String SCRATCH_SUFFIX = "_scratch";

    private final PostgresEndpoint postgres;
    private final boolean scratch;
    private final List<String> scratchNames = new ArrayList<>();

    ServiceDatabases(PostgresEndpoint postgres, Map<String, String> environment) {
        this.postgres = postgres;
        this.scratch = Boolean.parseBoolean(environment.getOrDefault("SENTIRIC_SCRATCH_DATABASES", "false"));
    }

    /** The JDBC URL of a service's database, created when missing (fresh and empty in scratch mode). */
    String url(String database) {
        if (!scratch) {
            return postgres.createDatabase(database);
        }
        String name = database + SCRATCH_SUFFIX;
        postgres.dropDatabase(name);
        scratchNames.add(name);
        return postgres.createDatabase(name);
    }

    /** Drops the scratch databases; the services using them must have stopped. */
    @Override
    public void close() {
        for (String name : scratchNames) {
            try {
                postgres.dropDatabase(name);
            } catch (IllegalStateException e) {
                System.err.println("could not drop " + name + ": " + e.getMessage());
            }
        }
        scratchNames.clear();
    }
}
