package ai.sentiric.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house rules every service keeps: REST controllers and gRPC services are thin adapters over
 * the domain, never touching the database, and the domain never depends on an adapter.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    /** Checks the production classes under the service's base package; throws on a violation. */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        noClasses().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or().resideInAPackage("..grpc..")
                .should().dependOnClassesThat().areAssignableTo("org.springframework.data.repository.Repository")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .because("adapters map and delegate; the domain reads and writes data")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideOutsideOfPackage("..grpc..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".grpc..")
                .because("the domain does not know how it is served")
                .allowEmptyShould(true)
                .check(classes);
    }
}
