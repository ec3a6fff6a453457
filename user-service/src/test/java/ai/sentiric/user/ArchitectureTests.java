package ai.sentiric.user;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The house rules of a service, checked on its compiled classes. */
class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.sentiric.user");

    @Test
    void restControllersAreThinAdaptersThatNeverReachTheDatabase() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void grpcAdaptersNeverReachTheDatabase() {
        noClasses().that().resideInAPackage("..grpc..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void featuresDoNotDependOnTheAdapters() {
        noClasses().that().resideOutsideOfPackage("..grpc..")
                .should().dependOnClassesThat().resideInAPackage("ai.sentiric.user.grpc..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
