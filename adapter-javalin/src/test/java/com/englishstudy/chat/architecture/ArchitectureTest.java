package com.englishstudy.chat.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md, checked over the compiled classes of every module this runtime
 * puts on its classpath. Maven's module graph already forbids the compile-time dependencies; these rules
 * also catch what a graph cannot see, such as a driven adapter calling a use case.
 */
class ArchitectureTest {
    private static final String DOMAIN = "com.englishstudy.chat.domain..";
    private static final String PORTS = "com.englishstudy.chat.ports..";
    private static final String DYNAMODB = "com.englishstudy.chat.dynamodb..";
    private static final String AWS_AI = "com.englishstudy.chat.aws..";
    private static final String LOCAL_AI = "com.englishstudy.chat.local..";
    private static final String JAVALIN = "com.englishstudy.chat.javalin..";
    private static final String LAMBDA = "com.englishstudy.chat.lambda..";

    private static JavaClasses chat;

    @BeforeAll
    static void importClasses() {
        chat = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Test-jars of other modules (their test kits) are on this classpath too; the rules are for
                // production code.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.englishstudy.chat");
    }

    @Test
    void the_domain_uses_nothing_but_the_jdk_and_jbcrypt() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..", "org.mindrot.jbcrypt..")
                .check(chat);
    }

    @Test
    void the_driving_port_knows_no_runtime() {
        noClasses().that().resideInAPackage(PORTS)
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..",
                        "software.amazon..", "com.amazonaws..", JAVALIN, LAMBDA, DYNAMODB, AWS_AI, LOCAL_AI)
                .check(chat);
    }

    @Test
    void driven_adapters_use_ports_and_model_never_a_use_case() {
        noClasses().that().resideInAnyPackage(DYNAMODB, AWS_AI, LOCAL_AI)
                .should().dependOnClassesThat().haveSimpleNameEndingWith("UseCase")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Queries")
                .orShould().dependOnClassesThat().haveSimpleName("ChatCore")
                .orShould().dependOnClassesThat().haveSimpleName("ConnectionLifecycle")
                .orShould().dependOnClassesThat().haveSimpleName("MessagePublisher")
                .orShould().dependOnClassesThat().resideInAnyPackage(PORTS, JAVALIN, LAMBDA)
                .allowEmptyShould(true)
                .check(chat);
    }

    @Test
    void driven_adapters_do_not_depend_on_one_another() {
        noClasses().that().resideInAPackage(DYNAMODB)
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AI, LOCAL_AI)
                .allowEmptyShould(true).check(chat);
        noClasses().that().resideInAPackage(AWS_AI)
                .should().dependOnClassesThat().resideInAnyPackage(DYNAMODB, LOCAL_AI)
                .allowEmptyShould(true).check(chat);
        noClasses().that().resideInAPackage(LOCAL_AI)
                .should().dependOnClassesThat().resideInAnyPackage(DYNAMODB, AWS_AI)
                .allowEmptyShould(true).check(chat);
    }

    @Test
    void the_runtimes_do_not_depend_on_each_other() {
        noClasses().that().resideInAPackage(JAVALIN)
                .should().dependOnClassesThat().resideInAPackage(LAMBDA)
                .allowEmptyShould(true).check(chat);
        noClasses().that().resideInAPackage(LAMBDA)
                .should().dependOnClassesThat().resideInAPackage(JAVALIN)
                .allowEmptyShould(true).check(chat);
    }
}
