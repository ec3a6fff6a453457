package ai.sentiric.devstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One service of the fleet as the local stack runs it.
 *
 * @param name the module, artifact and application name
 * @param httpPort its REST and actuator port
 * @param grpcPort its gRPC port, 0 for a service that serves no gRPC
 * @param database its own PostgreSQL database, or null when it keeps no data there
 * @param prefix the prefix of its environment variables, e.g. {@code SENTIRIC_USER}
 * @param heap its Java heap, fixed ({@code -Xms} and {@code -Xmx}), e.g. {@code 512m}
 * @param javaOptions JVM options of its own, after its heap: a fixed young generation ({@code -Xmn})
 *        where G1 left to its pause-time goal sizes it too small, a tenuring threshold...
 */
public record ServiceSpec(String name, int httpPort, int grpcPort, @Nullable String database, String prefix, String heap,
                          List<String> javaOptions) {

    public ServiceSpec {
        javaOptions = List.copyOf(javaOptions);
    }

    public ServiceSpec(String name, int httpPort, int grpcPort, @Nullable String database, String prefix, String heap) {
        this(name, httpPort, grpcPort, database, prefix, heap, List.of());
    }

    public Path jar(Path root, String version) {
        return root.resolve(name).resolve("target").resolve(name + "-" + version + ".jar");
    }

    /** The variables that point this service at its own ports and database. */
    public Map<String, String> ownEnvironment(int offset, @Nullable String databaseUrl) {
        var env = new HashMap<String, String>();
        env.put(prefix + "_HTTP_PORT", String.valueOf(httpPort + offset));
        if (grpcPort > 0) {
            env.put(prefix + "_GRPC_PORT", String.valueOf(grpcPort + offset));
        }
        if (databaseUrl != null) {
            env.put(prefix + "_DB_URL", databaseUrl);
        }
        return env;
    }
}
