package org.vanguard.hub.validation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.profiles.fhir.FhirParsing;

/** Applies the configured parsing limits to every channel and starts building the full validator. */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ValidationConfiguration.class);

    @Bean
    FullValidation fullValidation(ValidationProperties properties) {
        FhirParsing.setLimits(properties.limits());
        log.info("FHIR parsing limits: {}", FhirParsing.limits());
        Optional<Path> packages = Optional.ofNullable(properties.packageDirectory())
                .filter(directory -> !directory.isBlank())
                .map(Path::of);
        packages.filter(directory -> !Files.isDirectory(directory)).ifPresent(directory -> {
            throw new IllegalStateException("hub.validation.package-directory " + directory + " is not a directory");
        });
        return new FullValidation(packages);
    }
}
