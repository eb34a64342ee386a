package org.vanguard.hub.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vanguard.profiles.validation.FullProfileValidator;
import org.vanguard.profiles.validation.ValidationIssue;

/**
 * HAPI's full validator, built and warmed on Spring Boot's application task executor as the hub starts: building the chain,
 * generating the profiles' snapshots and the first validation take seconds, which neither the start nor
 * the first {@code $validate} caller should wait for. A request that arrives before it is ready waits
 * for it. Intake never uses it: every message is checked by the fast path.
 */
public final class FullValidation {

    private static final Logger log = LoggerFactory.getLogger(FullValidation.class);

    private final CompletableFuture<FullProfileValidator> validator;

    FullValidation(Optional<Path> packageDirectory, Executor executor) {
        validator = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                long start = System.nanoTime();
                FullProfileValidator built = new FullProfileValidator(packageDirectory);
                built.warmUp();
                log.info("Full FHIR validator ready in {} ms ({} hub profiles{})", (System.nanoTime() - start) / 1_000_000,
                        built.profiles().size(), packageDirectory.map(d -> ", packages from " + d).orElse(""));
                validator.complete(built);
            } catch (RuntimeException | Error e) {
                log.error("The full FHIR validator could not be built; $validate will fail until the hub restarts", e);
                validator.completeExceptionally(e);
            }
        });
    }

    public List<ValidationIssue> validate(Resource resource) {
        return validator.join().validate(resource);
    }

    /** The hub's StructureDefinitions with their generated snapshots. */
    public List<StructureDefinition> profiles() {
        return validator.join().profiles();
    }
}
