package org.vanguard.hub.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.vanguard.profiles.validation.FullProfileValidator;
import org.vanguard.profiles.validation.ValidationIssue;

/**
 * HAPI's full validator, built and warmed on Spring Boot's application task executor once the hub is ready for
 * traffic: building the chain, generating the profiles' snapshots and the first validation take seconds of CPU, which
 * neither the start (on two cores it took one of them from the start's own work) nor the first {@code $validate}
 * caller should wait for. A request that arrives before it is ready waits for it. Intake never uses it: every message
 * is checked by the fast path.
 */
public final class FullValidation implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(FullValidation.class);

    private final CompletableFuture<FullProfileValidator> validator = new CompletableFuture<>();
    private final Optional<Path> packageDirectory;
    private final Executor executor;
    private final AtomicBoolean started = new AtomicBoolean();

    FullValidation(Optional<Path> packageDirectory, Executor executor) {
        this.packageDirectory = packageDirectory;
        this.executor = executor;
    }

    /** Builds and warms the validator once the application is ready (once, however often the event comes). */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            try {
                long start = System.nanoTime();
                FullProfileValidator built = new FullProfileValidator(packageDirectory);
                built.warmUp();
                log.info(
                        "Full FHIR validator ready in {} ms ({} hub profiles{})",
                        (System.nanoTime() - start) / 1_000_000,
                        built.profiles().size(),
                        packageDirectory.map(d -> ", packages from " + d).orElse(""));
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
