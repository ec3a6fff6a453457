package ai.sentiric.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceProcessTests {

    private static final ServiceSpec SIP = Fleet.SERVICES.getLast();

    @Test
    void aServiceRunsOnItsOwnFixedHeapWithTheStacksDefaults() {
        assertThat(ServiceProcess.javaOptions(SIP, Map.of()))
                .containsExactly("-Xms1g", "-Xmx1g", "-Xmn256m", "-XX:MaxTenuringThreshold=1", "-XX:MaxGCPauseMillis=5",
                        "-XX:+AlwaysPreTouch", "-Dio.netty.leakDetection.level=disabled");
    }

    @Test
    void cdrServiceHasAFixedYoungGenerationOfItsOwn() {
        ServiceSpec cdr = Fleet.SERVICES.stream().filter(spec -> spec.name().equals("cdr-service")).findFirst().orElseThrow();

        assertThat(ServiceProcess.javaOptions(cdr, Map.of())).startsWith("-Xms384m", "-Xmx384m", "-Xmn128m", "-XX:MaxGCPauseMillis=5");
    }

    @Test
    void aServiceWithoutAFixedYoungGenerationLeavesItsSizeToTheCollector() {
        assertThat(ServiceProcess.javaOptions(Fleet.SERVICES.getFirst(), Map.of()))
                .startsWith("-Xms384m", "-Xmx384m", "-XX:MaxGCPauseMillis=5")
                .noneMatch(option -> option.startsWith("-Xmn"));
    }

    @Test
    void theSharedOptionsReplaceTheDefaultsAndAServicesOwnComeLastSoTheyWin() {
        var options = ServiceProcess.javaOptions(SIP, Map.of(
                "SENTIRIC_JAVA_OPTS", " -XX:+UseSerialGC  -Xmx2g ",
                "SENTIRIC_SIP_JAVA_OPTS", "-XX:MaxTenuringThreshold=0",
                "SENTIRIC_MEDIA_JAVA_OPTS", "-Xmx64m"));

        assertThat(options).containsExactly("-Xms1g", "-Xmx1g", "-Xmn256m", "-XX:MaxTenuringThreshold=1", "-XX:+UseSerialGC",
                "-Xmx2g", "-XX:MaxTenuringThreshold=0");
    }

    @Test
    void everyServiceHasAHeap() {
        assertThat(Fleet.SERVICES).allSatisfy(spec -> assertThat(spec.heap()).matches("\\d+[mg]"));
    }
}
