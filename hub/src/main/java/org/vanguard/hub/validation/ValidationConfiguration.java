package org.vanguard.hub.validation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.profiles.fhir.FhirParsing;

/** Makes the one parser, under the configured limits, that every channel uses, and starts building the full validator. */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ValidationConfiguration.class);

    /** Every channel (REST, AMQP, consent, $validate, admin) parses senders' bodies with this one. */
    @Bean
    FhirParsing fhirParsing(ValidationProperties properties) {
        log.info("FHIR parsing limits: {}", properties.limits());
        return new FhirParsing(properties.limits());
    }

    /** Built on Boot's application task executor, so the warm-up is a managed task, not a thread of its own. */
    @Bean
    FullValidation fullValidation(
            ValidationProperties properties,
            @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor executor) {
        Optional<Path> packages = Optional.ofNullable(properties.packageDirectory())
                .filter(directory -> !directory.isBlank())
                .map(Path::of);
        packages.filter(directory -> !Files.isDirectory(directory)).ifPresent(directory -> {
            throw new IllegalStateException("hub.validation.package-directory " + directory + " is not a directory");
        });
        return new FullValidation(packages, executor, properties.fullValidatorAtStart());
    }
}
