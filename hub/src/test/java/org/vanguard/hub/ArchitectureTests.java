package org.vanguard.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dependency direction of STYLE.md: hub -> routes -> {profiles, governance}, governance framework-free, and hub
 * packaged by feature ({@link ModularityTests} keeps the boundaries between hub's features).
 */
@AnalyzeClasses(packages = "org.vanguard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule governanceIsPlainJava = noClasses()
            .that()
            .resideInAPackage("org.vanguard.governance..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..", "org.apache.camel..", "ca.uhn.fhir..", "org.hl7.fhir..", "jakarta..")
            .because("governance is the rules an IG officer relies on, readable and testable without any framework");

    @ArchTest
    static final ArchRule governanceKnowsNoOtherModule = noClasses()
            .that()
            .resideInAPackage("org.vanguard.governance..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.vanguard.profiles..", "org.vanguard.routes..", "org.vanguard.hub..");

    @ArchTest
    static final ArchRule profilesKnowsNoOtherModule = noClasses()
            .that()
            .resideInAPackage("org.vanguard.profiles..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.vanguard.governance..", "org.vanguard.routes..", "org.vanguard.hub..");

    @ArchTest
    static final ArchRule nothingImportsHub = noClasses()
            .that()
            .resideOutsideOfPackage("org.vanguard.hub..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.vanguard.hub..");

    @ArchTest
    static final ArchRule webServesNoFeature = classes()
            .that()
            .resideInAPackage("org.vanguard.hub.web")
            .and()
            .areAnnotatedWith(RestController.class)
            .should()
            .implement(ErrorController.class)
            .because(
                    "each feature's endpoints live in the feature's package; web keeps only what every endpoint shares");

    @ArchTest
    static final ArchRule brokerPluginNeedsOnlyTheBroker = classes()
            .that()
            .resideInAPackage("org.vanguard.hub.broker.plugin..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "org.vanguard.hub.broker.plugin..",
                    "org.apache.activemq.artemis..",
                    "io.netty..",
                    "org.slf4j..",
                    "org.jspecify..",
                    "java..",
                    "javax..")
            .because("an external broker loads this package alone from the broker plugin jar (hub/pom.xml)");

    @ArchTest
    static final ArchRule routeBuildersAreRoutes = classes()
            .that()
            .areAssignableTo(RouteBuilder.class)
            .and()
            .areNotAssignableTo(RouteConfigurationBuilder.class)
            .should()
            .resideInAPackage("org.vanguard.routes..")
            .andShould()
            .haveSimpleNameEndingWith("Route")
            .andShould()
            .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL);

    @ArchTest
    static final ArchRule errorPoliciesLiveWithRoutes = classes()
            .that()
            .areAssignableTo(RouteConfigurationBuilder.class)
            .should()
            .resideInAPackage("org.vanguard.routes..")
            .because("one place decides who owns redelivery");
}
