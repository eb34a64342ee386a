package org.vanguard.hub.agreement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import org.springframework.jdbc.core.JdbcTemplate;
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
 * to an edit not yet reloaded. Changes are serialised in this instance, and the database is the truth: the change log,
 * each loaded text ({@link AgreementTexts}) and which texts a reload left in force ({@link AgreementCatalogueLog}). In a
 * cluster each change is announced to the other nodes ({@link #announceChangesWith}), which rebuild their catalogue from
 * the database ({@link #refresh}), texts included: an officer reloads on one node, and the others follow without
 * reading files of their own. A node started without {@code reviseOnStart} ({@link #start}) does the same at start, so a
 * node with older files cannot turn the agreements back by restarting.
 */
public final class FileAgreementStore implements AgreementStore {

    private static final Logger log = LoggerFactory.getLogger(FileAgreementStore.class);

    /** One agreement as last loaded: its file, its terms and the fingerprint of its text. */
    private record Loaded(String file, Agreement agreement, String fingerprint, String text) {}

    /** What is loaded; {@code catalogueId} is the {@link AgreementCatalogueLog} row it came from, or -1. */
    private record State(
            Map<String, Loaded> files, AgreementCatalogue catalogue, List<LifecycleEvent> events, long catalogueId) {}

    private final ResourcePatternResolver resolver;
    private final List<String> patterns;
    private final AgreementFileReader reader;
    private volatile @Nullable AgreementTexts texts;
    private volatile @Nullable AgreementCatalogueLog catalogues;
    /** The last set this node could not build (warned about once, tried again on each refresh). */
    private long unbuildable = -1;

    private final AgreementLifecycleLog changeLog;
    private final Clock clock;
    private volatile Runnable onCatalogueChange = () -> {};
    private volatile Runnable announce = () -> {};
    private final AtomicReference<State> state =
            new AtomicReference<>(new State(Map.of(), AgreementCatalogue.empty(), List.of(), -1));

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
        Map<String, Loaded> files = readFiles();
        List<LifecycleEvent> events = changeLog.all();
        for (Loaded loaded : files.values()) {
            recordRevision(loaded, events, officer);
            AgreementTexts kept = texts;
            if (kept != null) {
                kept.keep(loaded.agreement().id(), loaded.fingerprint(), loaded.text(), clock.instant());
            }
        }
        AgreementCatalogueLog sets = catalogues;
        long catalogueId = sets == null
                ? -1
                : sets.record(
                                files.values().stream()
                                        .map(l -> new AgreementCatalogueLog.Entry(
                                                l.agreement().id(), l.fingerprint(), l.file()))
                                        .toList(),
                                officer,
                                clock.instant())
                        .id();
        AgreementCatalogue catalogue = publish(files, changeLog.all(), catalogueId);
        announce.run();
        return catalogue;
    }

    /**
     * Starts the store. With {@code reviseOnStart} (one hub on its own), or before any reload was recorded, this is a
     * reload by the hub: a file changed since is a new revision. Without it (a node of a cluster), the catalogue is the
     * one the database holds, texts included, and a file of this node's that differs from it is only reported: the
     * officer's next reload is what changes the agreements, on whichever node it is made.
     */
    public synchronized AgreementCatalogue start(boolean reviseOnStart) {
        AgreementCatalogueLog sets = catalogues;
        Optional<AgreementCatalogueLog.Loaded> inForce = sets == null ? Optional.empty() : sets.latest();
        if (reviseOnStart || inForce.isEmpty()) {
            return reload();
        }
        Map<String, Loaded> adopted = adopt(inForce.get());
        try {
            Map<String, Loaded> mine = readFiles();
            for (Loaded held : adopted.values()) {
                Loaded own = mine.get(held.agreement().id());
                if (own == null || !own.fingerprint().equals(held.fingerprint())) {
                    log.warn(
                            "Agreement {}: {} the text in force (loaded from {}); the database's text is used, and a"
                                    + " reload on this node would make this node's files the agreements in force",
                            held.agreement().id(),
                            own == null ? "this node has no file for" : "this node's " + own.file() + " differs from",
                            held.file());
                }
            }
            mine.values().stream()
                    .filter(own -> !adopted.containsKey(own.agreement().id()))
                    .forEach(own -> log.warn(
                            "Agreement {}: this node's {} is not among the agreements in force; a reload would add it",
                            own.agreement().id(),
                            own.file()));
        } catch (GovernanceFileException | UncheckedIOException e) {
            log.warn(
                    "This node's agreement files cannot be read ({}); the agreements in force come from the database",
                    e.getMessage());
        }
        return publish(adopted, changeLog.all(), inForce.get().id());
    }

    /** Every agreement file, read and checked as a set; throws {@link GovernanceFileException} naming file and line. */
    private Map<String, Loaded> readFiles() {
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
        return files;
    }

    /** The agreements of a recorded set, each read from the text the database kept for it. */
    private Map<String, Loaded> adopt(AgreementCatalogueLog.Loaded set) {
        AgreementTexts kept = Objects.requireNonNull(texts, "texts");
        Map<String, Loaded> files = new LinkedHashMap<>();
        for (AgreementCatalogueLog.Entry entry : set.entries()) {
            String text = kept.text(entry.fingerprint())
                    .orElseThrow(() -> new IllegalStateException("the text of agreement " + entry.agreementId() + " ("
                            + entry.fingerprint() + ") is not in the database"));
            files.put(
                    entry.agreementId(),
                    new Loaded(entry.file(), reader.read(entry.file(), text), entry.fingerprint(), text));
        }
        new AgreementCatalogue(files.values().stream().map(Loaded::agreement).toList());
        return files;
    }

    /**
     * Keeps in the database, from now on, the text of every revision loaded (and of the agreements loaded already) and
     * which texts each reload leaves in force: what {@link #start} and {@link #refresh} build a catalogue from.
     */
    public void keepInDatabase(JdbcTemplate jdbc) {
        AgreementTexts kept = new AgreementTexts(jdbc);
        this.texts = kept;
        this.catalogues = new AgreementCatalogueLog(jdbc);
        state().files()
                .values()
                .forEach(l -> kept.keep(l.agreement().id(), l.fingerprint(), l.text(), clock.instant()));
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
        publish(state().files(), changeLog.all(), state().catalogueId());
        announce.run();
        return Optional.of(event);
    }

    /**
     * Rebuilds the catalogue from the database as it is now, when another node changed it: the change log, and the
     * texts in force when another node reloaded. Does nothing (and tells no one) when neither changed since this node
     * last built its catalogue, and keeps the catalogue it has when the database's texts cannot be read here (a
     * participant this node does not know), saying why.
     *
     * @return whether the catalogue was rebuilt
     */
    public synchronized boolean refresh() {
        List<LifecycleEvent> events = changeLog.all();
        State current = state();
        AgreementCatalogueLog sets = catalogues;
        Optional<AgreementCatalogueLog.Loaded> inForce = sets == null ? Optional.empty() : sets.latest();
        boolean reloaded = inForce.isPresent() && inForce.get().id() != current.catalogueId();
        if (!reloaded && events.equals(current.events())) {
            return false;
        }
        if (!reloaded) {
            publish(current.files(), events, current.catalogueId());
            return true;
        }
        try {
            publish(adopt(inForce.get()), events, inForce.get().id());
            log.info(
                    "Agreements reloaded on another node are in force here: {}",
                    inForce.get().entries().stream()
                            .map(AgreementCatalogueLog.Entry::agreementId)
                            .toList());
            return true;
        } catch (GovernanceFileException | IllegalStateException | IllegalArgumentException e) {
            if (inForce.get().id() != unbuildable) {
                log.warn(
                        "Agreements reloaded on another node cannot be built on this node ({}); it keeps the agreements"
                                + " it has",
                        e.getMessage());
                unbuildable = inForce.get().id();
            }
            if (events.equals(current.events())) {
                return false;
            }
            publish(current.files(), events, current.catalogueId());
            return true;
        }
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

    private AgreementCatalogue publish(Map<String, Loaded> files, List<LifecycleEvent> events, long catalogueId) {
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
        state.set(new State(
                Collections.unmodifiableMap(new LinkedHashMap<>(files)), catalogue, List.copyOf(events), catalogueId));
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
