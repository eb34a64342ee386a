package org.vanguard.hub.agreement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementFileReader;
import org.vanguard.governance.agreement.AgreementFingerprint;
import org.vanguard.governance.agreement.AgreementLifecycle;
import org.vanguard.governance.agreement.AgreementLifecycleLog;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.agreement.LifecycleAction;
import org.vanguard.governance.agreement.LifecycleEvent;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.yaml.GovernanceFileException;
import org.vanguard.hub.web.ExceptionText;

/**
 * Agreements authored as YAML files, one per agreement, with their lifecycle kept in the change log. The
 * text stays reviewed configuration under version control; approvals, suspensions and terminations are
 * events (ICO data sharing code: record changes, who made them and when). The catalogue the decision reads
 * holds each agreement with the status its lifecycle gives it, and is rebuilt on every lifecycle change, so a
 * suspension stops flows at once.
 *
 * <p>A reload reads every file first and swaps the catalogue only if all are valid, so a bad file never
 * leaves the hub with half a set of agreements. Lifecycle changes apply to the files as last loaded, never
 * to an edit not yet reloaded. Changes are serialised in this instance, and the change log in the database is the
 * truth: in a cluster each change is announced to the other nodes ({@link #announceChangesWith}), which rebuild their
 * catalogue from the log ({@link #refresh}). Every node must load the same agreement files.
 */
public final class FileAgreementStore implements AgreementStore {

    private static final Logger log = LoggerFactory.getLogger(FileAgreementStore.class);

    /** One agreement as last loaded: its file, its terms and the fingerprint of its text. */
    private record Loaded(String file, Agreement agreement, String fingerprint, String text) {}

    private record State(Map<String, Loaded> files, AgreementCatalogue catalogue, List<LifecycleEvent> events) {}

    private final ResourcePatternResolver resolver;
    private final List<String> patterns;
    private final AgreementFileReader reader;
    private volatile @Nullable AgreementTexts texts;
    private final AgreementLifecycleLog changeLog;
    private final Clock clock;
    private volatile Runnable onCatalogueChange = () -> {};
    private volatile Runnable announce = () -> {};
    private final AtomicReference<State> state =
            new AtomicReference<>(new State(Map.of(), AgreementCatalogue.empty(), List.of()));

    public FileAgreementStore(
            ResourcePatternResolver resolver,
            String pattern,
            ParticipantDirectory participants,
            AgreementLifecycleLog changeLog,
            Clock clock) {
        this(resolver, List.of(pattern), participants, changeLog, clock);
    }

    /** Reads agreements from several locations (the reviewed repository, and the drafts written on the console). */
    public FileAgreementStore(
            ResourcePatternResolver resolver,
            List<String> patterns,
            ParticipantDirectory participants,
            AgreementLifecycleLog changeLog,
            Clock clock) {
        this.resolver = resolver;
        this.patterns = List.copyOf(patterns);
        this.reader = new AgreementFileReader(participants);
        this.changeLog = changeLog;
        this.clock = clock;
    }

    /** What was loaded last; the reference starts with an empty state and is never cleared. */
    private State state() {
        return Objects.requireNonNull(state.get(), "state");
    }

    @Override
    public AgreementCatalogue current() {
        return state().catalogue();
    }

    /**
     * Reads all agreement files; on any invalid file throws {@link GovernanceFileException}, naming file and
     * line, and keeps the previous catalogue. Each new version, and each text changed under the same version,
     * enters the change log as a revision made by {@code officer}.
     */
    public synchronized AgreementCatalogue reload(String officer) {
        Map<String, Loaded> files = new LinkedHashMap<>();
        try {
            List<Resource> resources = new java.util.ArrayList<>();
            for (String pattern : patterns) {
                Resource[] found = resolver.getResources(pattern);
                Arrays.sort(found, Comparator.comparing(Resource::getDescription));
                resources.addAll(Arrays.asList(found));
            }
            for (Resource resource : resources) {
                String name = resource.getFilename() == null ? resource.getDescription() : resource.getFilename();
                String text = resource.getContentAsString(StandardCharsets.UTF_8);
                Agreement agreement = reader.read(name, text);
                Loaded previous = files.putIfAbsent(
                        agreement.id(), new Loaded(name, agreement, AgreementFingerprint.of(text), text));
                if (previous != null) {
                    throw new GovernanceFileException(
                            name,
                            0,
                            "agreement " + agreement.id() + " is defined twice (also in " + previous.file() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agreements from " + patterns, e);
        }
        try {
            new AgreementCatalogue(
                    files.values().stream().map(Loaded::agreement).toList());
        } catch (IllegalArgumentException e) {
            throw new GovernanceFileException(String.join(", ", patterns), 0, ExceptionText.of(e));
        }
        List<LifecycleEvent> events = changeLog.all();
        for (Loaded loaded : files.values()) {
            recordRevision(loaded, events, officer);
            AgreementTexts kept = texts;
            if (kept != null) {
                kept.keep(loaded.agreement().id(), loaded.fingerprint(), loaded.text(), clock.instant());
            }
        }
        AgreementCatalogue catalogue = publish(files, changeLog.all());
        announce.run();
        return catalogue;
    }

    /** Keeps the text of every revision loaded from now on (and of the agreements loaded already) in {@code texts}. */
    public void keepTextsIn(AgreementTexts texts) {
        this.texts = texts;
        state().files()
                .values()
                .forEach(l -> texts.keep(l.agreement().id(), l.fingerprint(), l.text(), clock.instant()));
    }

    /** What a revision said, by the fingerprint its REVISED event records; empty when its text was never kept. */
    public Optional<String> textOf(String fingerprint) {
        AgreementTexts kept = texts;
        return kept == null ? Optional.empty() : kept.text(fingerprint);
    }

    /** Reloads as the hub itself, at start. */
    public AgreementCatalogue reload() {
        return reload("hub (start)");
    }

    /** The lifecycle of every agreement as last loaded, in file order. */
    public List<AgreementLifecycle> lifecycles() {
        Map<String, List<LifecycleEvent>> byAgreement = byAgreement(changeLog.all());
        return state().files().values().stream()
                .map(l -> new AgreementLifecycle(
                        l.agreement(),
                        l.fingerprint(),
                        byAgreement.getOrDefault(l.agreement().id(), List.of())))
                .toList();
    }

    /** The agreement's file as last loaded: its name and its YAML text, for an officer to download. */
    public Optional<Map.Entry<String, String>> fileOf(String id) {
        Loaded loaded = state().files().get(id);
        return loaded == null ? Optional.empty() : Optional.of(Map.entry(loaded.file(), loaded.text()));
    }

    public Optional<AgreementLifecycle> lifecycleOf(String id) {
        Loaded loaded = state().files().get(id);
        if (loaded == null) {
            return Optional.empty();
        }
        return Optional.of(new AgreementLifecycle(loaded.agreement(), loaded.fingerprint(), changeLog.eventsOf(id)));
    }

    /**
     * Applies a lifecycle change to an agreement: the change decides (or refuses) against the agreement's
     * current lifecycle, its event is recorded, and the catalogue is rebuilt before this returns.
     *
     * @return the recorded event, or empty when there is no such agreement
     */
    public synchronized Optional<LifecycleEvent> change(
            String id, Function<AgreementLifecycle, LifecycleEvent> change) {
        Optional<AgreementLifecycle> lifecycle = lifecycleOf(id);
        if (lifecycle.isEmpty()) {
            return Optional.empty();
        }
        LifecycleEvent event = change.apply(lifecycle.get());
        changeLog.record(event);
        publish(state().files(), changeLog.all());
        announce.run();
        return Optional.of(event);
    }

    /**
     * Rebuilds the catalogue from the change log as it is in the database now, when another node changed it; does
     * nothing (and tells no one) when the log has not changed since this node last built its catalogue.
     *
     * @return whether the catalogue was rebuilt
     */
    public synchronized boolean refresh() {
        List<LifecycleEvent> events = changeLog.all();
        State current = state();
        if (events.equals(current.events())) {
            return false;
        }
        publish(current.files(), events);
        return true;
    }

    /** Told of every change this node makes (a lifecycle change, a reload), to announce it to the other nodes. */
    public void announceChangesWith(Runnable announcement) {
        this.announce = java.util.Objects.requireNonNull(announcement, "announcement");
    }

    /**
     * Told each time a new catalogue takes effect (a reload, an approval, a suspension...), so that what depends on
     * the agreements, the mailbox sweep, reacts to the change instead of polling for it.
     */
    public void onCatalogueChange(Runnable listener) {
        this.onCatalogueChange = java.util.Objects.requireNonNull(listener, "listener");
    }

    private AgreementCatalogue publish(Map<String, Loaded> files, List<LifecycleEvent> events) {
        Map<String, List<LifecycleEvent>> byAgreement = byAgreement(events);
        List<Agreement> inEffect = new ArrayList<>(files.size());
        for (Loaded loaded : files.values()) {
            inEffect.add(new AgreementLifecycle(
                            loaded.agreement(),
                            loaded.fingerprint(),
                            byAgreement.getOrDefault(loaded.agreement().id(), List.of()))
                    .inEffect());
        }
        AgreementCatalogue catalogue = new AgreementCatalogue(inEffect);
        state.set(new State(Map.copyOf(files), catalogue, List.copyOf(events)));
        onCatalogueChange.run();
        return catalogue;
    }

    private void recordRevision(Loaded loaded, List<LifecycleEvent> events, String officer) {
        Agreement agreement = loaded.agreement();
        Optional<LifecycleEvent> last = Optional.empty();
        for (LifecycleEvent event : events) {
            if (event.agreementId().equals(agreement.id()) && event.action() == LifecycleAction.REVISED) {
                last = Optional.of(event);
            }
        }
        String detail;
        if (last.isEmpty()) {
            detail = "version " + agreement.version() + " loaded from " + loaded.file() + " (status in file: "
                    + agreement.status().label() + ")";
        } else if (last.get().version() != agreement.version()) {
            detail = "version " + agreement.version() + " replaces version "
                    + last.get().version() + " (from " + loaded.file() + ", status in file: "
                    + agreement.status().label() + ")";
        } else if (!last.get().fingerprint().equals(Optional.of(loaded.fingerprint()))) {
            detail = "the text of version " + agreement.version() + " changed in " + loaded.file()
                    + " without a new version; approvals of the earlier text no longer count";
            log.warn(
                    "Agreement {} v{} changed in {} without a new version number; approvals given for the earlier text "
                            + "no longer count (reloaded by {})",
                    agreement.id(),
                    agreement.version(),
                    loaded.file(),
                    officer);
        } else {
            return;
        }
        changeLog.record(new LifecycleEvent(
                agreement.id(),
                agreement.version(),
                LifecycleAction.REVISED,
                Optional.empty(),
                officer,
                clock.instant(),
                detail,
                Optional.of(loaded.fingerprint())));
    }

    private static Map<String, List<LifecycleEvent>> byAgreement(List<LifecycleEvent> events) {
        Map<String, List<LifecycleEvent>> grouped = new HashMap<>();
        for (LifecycleEvent event : events) {
            grouped.computeIfAbsent(event.agreementId(), k -> new ArrayList<>()).add(event);
        }
        return grouped;
    }
}
