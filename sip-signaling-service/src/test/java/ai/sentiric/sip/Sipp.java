package ai.sentiric.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * Runs SIPp (Debian's sip-tester) with one of the committed scenarios against a SIP port and
 * reports whether every call of it passed. Keys fill the scenario's [name] placeholders.
 */
public final class Sipp {

    /** How a run went: SIPp's exit code (0: every call passed) and what it printed. */
    public record Result(int exitCode, String output) {
        public boolean passed() {
            return exitCode == 0;
        }
    }

    private Sipp() {
    }

    public static Path scenario(String name) {
        return Path.of("src/test/resources/sipp", name + ".xml").toAbsolutePath();
    }

    public static Result run(String scenario, int targetPort, String service, Map<String, String> keys, String... extra) {
        Path work = null;
        try {
            work = Files.createTempDirectory("sipp");
            List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + targetPort,
                    "-sf", scenario(scenario).toString(), "-s", service, "-i", "127.0.0.1", "-p", String.valueOf(freeUdpPort()),
                    "-m", "1", "-l", "1", "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err",
                    "-error_file", work.resolve("errors.log").toString()));
            keys.forEach((key, value) -> command.addAll(List.of("-key", key, value)));
            command.addAll(List.of(extra));
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("out.log").toFile()).start();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "SIPp did not finish in 40 s");
            }
            String output = Files.readString(work.resolve("out.log"));
            Path errors = work.resolve("errors.log");
            if (Files.exists(errors)) {
                output += "\n" + Files.readString(errors);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            // A run leaves its logs behind otherwise: one directory a call, every build.
            if (work != null) {
                try {
                    FileSystemUtils.deleteRecursively(work);
                } catch (IOException e) {
                    // Only a leftover in the temporary directory.
                }
            }
        }
    }

    public static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
