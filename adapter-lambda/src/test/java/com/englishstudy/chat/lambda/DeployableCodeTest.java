package com.englishstudy.chat.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What goes into chat-lambda.jar must run without what the shade plugin leaves out of it: the local gateway,
 * its web server, and the runtime's serialisation library. Also: the Lambda runtime composes the driven
 * adapters, never the local runtime or its providers.
 */
class DeployableCodeTest {
    /** This module's main classes only: what the shade plugin takes from this module. */
    private static final JavaClasses CLASSES = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void handlersBroadcasterAndRootNeedNoGatewayAndNoWebServer() {
        noClasses().that().resideOutsideOfPackage("com.englishstudy.chat.lambda.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("com.englishstudy.chat.lambda.gateway..",
                        "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                        "com.amazonaws.services.lambda.runtime.serialization..")
                .check(CLASSES);
    }

    @Test
    void theLambdaRuntimeDoesNotUseTheLocalRuntime() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.englishstudy.chat.javalin..",
                "com.englishstudy.chat.local..").check(CLASSES);
    }

    @Test
    void handlersTalkToChatPortsNotToUseCases() {
        noClasses().that().haveSimpleNameEndingWith("Handler")
                .should().dependOnClassesThat().resideInAnyPackage("com.englishstudy.chat.domain..",
                        "com.englishstudy.chat.dynamodb..", "com.englishstudy.chat.aws..", "software.amazon.awssdk..")
                .check(CLASSES);
    }
}
