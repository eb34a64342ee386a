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
 * HAPI's full validator, built and warmed on Spring Boot's application task executor: building the chain, generating
 * the profiles' snapshots and the first validation take seconds of CPU, which the start should not wait for (on two
 * cores it took one of them from the start's own work). By default it is built on its first use: it is the largest
 * part of the heap's live set that intake never needs (~120 MiB resident at idle, docs/performance.md). With
 * {@code hub.validation.full-validator-at-start=true} it is built once the hub is ready for traffic, so that the first
 * {@code $validate} caller does not wait for it. A request that arrives before it is ready waits for it. Intake never
 * uses it: every message is checked by the fast path.
 */
public final class FullValidation implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(FullValidation.class);

    private final CompletableFuture<FullProfileValidator> validator = new CompletableFuture<>();
    private final Optional<Path> packageDirectory;
    private final Executor executor;
    private final boolean atStart;
    private final AtomicBoolean started = new AtomicBoolean();

    FullValidation(Optional<Path> packageDirectory, Executor executor, boolean atStart) {
        this.packageDirectory = packageDirectory;
        this.executor = executor;
        this.atStart = atStart;
    }

    /** Builds and warms the validator once the application is ready, unless it is to be built on first use. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        if (atStart) {
            build();
        }
    }

    /** Whether the validator is built (or failed to build): false until then, and until first use if not at start. */
    public boolean isBuilt() {
        return validator.isDone();
    }

    /** Starts building the validator on the executor, once however often it is asked. */
    private void build() {
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
        return ready().validate(resource);
    }

    /** The hub's StructureDefinitions with their generated snapshots. */
    public List<StructureDefinition> profiles() {
        return ready().profiles();
    }

    private FullProfileValidator ready() {
        build();
        return validator.join();
    }
}
