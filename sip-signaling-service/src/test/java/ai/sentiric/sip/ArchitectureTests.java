package ai.sentiric.sip;

import ai.sentiric.testkit.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The house rules (thin adapters, a domain that does not know its adapters) on this service. */
class ArchitectureTests {

    @Test
    void adaptersAreThinAndTheDomainDoesNotKnowThem() {
        ServiceArchitecture.check("ai.sentiric.sip");
    }
}
