package org.vanguard.governance.agreement;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.participant.OdsCode;

/**
 * The lifecycle of one agreement: the version its reviewed file holds, and what IG officers have done to it.
 * DOMAIN.md and the ICO data sharing code set the rules this class enforces:
 * <ul>
 * <li>a version written as {@code draft} takes effect only once every party's IG officer has approved that
 * version (and that text, see {@link AgreementFingerprint});</li>
 * <li>a version written as {@code active} was approved outside the hub (signed documents) and is active;</li>
 * <li>a suspension stops flows at once until it is resumed; a termination stops them for good;</li>
 * <li>past the end of its effective period an agreement is expired, whatever else happened to it.</li>
 * </ul>
 * Events of other versions never count: a new version starts as its file says.
 */
public final class AgreementLifecycle {

    private final Agreement asWritten;
    private final String fingerprint;
    private final List<LifecycleEvent> events;

    /**
     * @param asWritten the agreement as its file says, file status included
     * @param fingerprint the {@link AgreementFingerprint} of its file's text
     * @param events the agreement's change log, oldest first; events of other agreements are refused
     */
    public AgreementLifecycle(Agreement asWritten, String fingerprint, List<LifecycleEvent> events) {
        this.asWritten = Objects.requireNonNull(asWritten, "asWritten");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.events = List.copyOf(events);
        for (LifecycleEvent event : this.events) {
            if (!event.agreementId().equals(asWritten.id())) {
                throw new IllegalArgumentException("event of agreement " + event.agreementId()
                        + " given as history of agreement " + asWritten.id());
            }
        }
    }

    public Agreement asWritten() {
        return asWritten;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The whole change log, every version, oldest first. */
    public List<LifecycleEvent> history() {
        return events;
    }

    /**
     * The status that decides whether data flows, before dates are considered: the effective period is checked
     * by {@link Agreement#isInForceOn} on the day of each decision, so a catalogue built today stays right tomorrow.
     */
    public AgreementStatus status() {
        AgreementStatus written = asWritten.status();
        if (written == AgreementStatus.TERMINATED || written == AgreementStatus.EXPIRED) {
            return written;
        }
        if (terminated() || withdrawn()) {
            return AgreementStatus.TERMINATED;
        }
        if (suspendedByOfficer() || written == AgreementStatus.SUSPENDED) {
            return AgreementStatus.SUSPENDED;
        }
        if (written == AgreementStatus.ACTIVE) {
            return AgreementStatus.ACTIVE;
        }
        return awaitingApproval().isEmpty() ? AgreementStatus.ACTIVE : AgreementStatus.DRAFT;
    }

    /** The status to show an IG officer on the day: {@link #status()}, or expired once the period has ended. */
    public AgreementStatus statusOn(LocalDate day) {
        AgreementStatus status = status();
        if (status != AgreementStatus.TERMINATED
                && asWritten.effective().end().map(day::isAfter).orElse(false)) {
            return AgreementStatus.EXPIRED;
        }
        return status;
    }

    /**
     * Where the agreement stands in words for an IG officer on the day: its {@link #statusOn status}, except that a
     * draft submitted for approval is "awaiting approval" and a draft taken back is "withdrawn".
     */
    public String stageOn(LocalDate day) {
        if (withdrawn()) {
            return "withdrawn";
        }
        AgreementStatus status = statusOn(day);
        return status == AgreementStatus.DRAFT && submitted() ? "awaiting approval" : status.label();
    }

    /** Whether this version's text has been submitted for its parties' approval. */
    public boolean submitted() {
        return currentVersion().stream()
                .anyMatch(e -> e.action() == LifecycleAction.SUBMITTED
                        && e.fingerprint().equals(Optional.of(fingerprint)));
    }

    /** The submission of a draft for its parties' approval; the text submitted is the text that can be approved. */
    public LifecycleEvent submit(String officer, Clock clock) {
        AgreementStatus status = statusOn(LocalDate.now(clock));
        if (status != AgreementStatus.DRAFT || withdrawn()) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference() + " is " + stageOn(LocalDate.now(clock))
                            + "; only a draft is submitted for approval");
        }
        if (submitted()) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference() + " is already awaiting approval");
        }
        return event(
                LifecycleAction.SUBMITTED,
                Optional.empty(),
                officer,
                clock,
                "submitted for approval by "
                        + asWritten.parties().stream().map(p -> p.ods().value()).toList(),
                Optional.of(fingerprint));
    }

    /** The withdrawal of a draft before it took effect, with a reason: it can then never be approved. */
    public LifecycleEvent withdraw(String reason, String officer, Clock clock) {
        requireReason(reason, "withdrawn");
        AgreementStatus status = statusOn(LocalDate.now(clock));
        if (status != AgreementStatus.DRAFT || withdrawn()) {
            String why = status == AgreementStatus.ACTIVE || status == AgreementStatus.SUSPENDED
                    ? "it has taken effect; terminate it instead"
                    : "it is " + stageOn(LocalDate.now(clock));
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference() + " cannot be withdrawn: " + why);
        }
        return event(LifecycleAction.WITHDRAWN, Optional.empty(), officer, clock, reason, Optional.empty());
    }

    /** The agreement as the decision must see it: its terms as written, its status as the lifecycle makes it. */
    public Agreement inEffect() {
        return asWritten.withStatus(status());
    }

    /** The parties whose IG officers have approved this version and this text, in the order the file lists them. */
    public Set<OdsCode> approvedBy() {
        Set<OdsCode> approved = new LinkedHashSet<>();
        for (Party party : asWritten.parties()) {
            boolean approvedThis = currentVersion().stream()
                    .anyMatch(e -> e.action() == LifecycleAction.APPROVED
                            && e.party().equals(Optional.of(party.ods()))
                            && e.fingerprint().equals(Optional.of(fingerprint)));
            if (approvedThis) {
                approved.add(party.ods());
            }
        }
        return approved;
    }

    /** The parties still to approve a draft; empty for a version written as active, which needs no approval here. */
    public Set<OdsCode> awaitingApproval() {
        if (asWritten.status() != AgreementStatus.DRAFT) {
            return Set.of();
        }
        Set<OdsCode> awaiting = new LinkedHashSet<>();
        Set<OdsCode> approved = approvedBy();
        for (Party party : asWritten.parties()) {
            if (!approved.contains(party.ods())) {
                awaiting.add(party.ods());
            }
        }
        return awaiting;
    }

    /**
     * The approval of this version by an IG officer on behalf of a party.
     *
     * @param version the version the officer means to approve, when the request names one; it must be the one
     *     the file holds, so nobody approves a text they have not seen
     */
    public LifecycleEvent approve(OdsCode party, Optional<Integer> version, String officer, Clock clock) {
        if (asWritten.parties().stream().noneMatch(p -> p.ods().equals(party))) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.INVALID_REQUEST,
                    "party",
                    party + " is not a party to agreement " + asWritten.id() + "; its parties are "
                            + asWritten.parties().stream()
                                    .map(p -> p.ods().value())
                                    .toList());
        }
        version.filter(v -> v != asWritten.version()).ifPresent(v -> {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "version",
                    "version " + v + " of agreement " + asWritten.id()
                            + " is not the current one: its file holds version " + asWritten.version()
                            + ", and only that version can be approved");
        });
        AgreementStatus status = statusOn(LocalDate.now(clock));
        if (status != AgreementStatus.DRAFT) {
            String why = status == AgreementStatus.ACTIVE
                    ? "it is already active, so there is nothing left to approve"
                    : "it is " + status.label() + ", and only a draft is approved";
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference() + " cannot be approved: " + why);
        }
        if (!submitted()) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference()
                            + " has not been submitted for approval; submit this text first, so every"
                            + " party approves the same one");
        }
        if (approvedBy().contains(party)) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "party",
                    party + " has already approved agreement " + reference());
        }
        return event(
                LifecycleAction.APPROVED,
                Optional.of(party),
                officer,
                clock,
                "approved on behalf of " + party,
                Optional.of(fingerprint));
    }

    /** A suspension: flows stop at once, e.g. while a breach is investigated. */
    public LifecycleEvent suspend(String reason, String officer, Clock clock) {
        requireReason(reason, "suspended");
        AgreementStatus status = statusOn(LocalDate.now(clock));
        if (status != AgreementStatus.ACTIVE) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference() + " is " + status.label()
                            + "; only an active agreement can be suspended");
        }
        return event(LifecycleAction.SUSPENDED, Optional.empty(), officer, clock, reason, Optional.empty());
    }

    /** The end of a suspension an IG officer made; a suspension written in the file is lifted by changing the file. */
    public LifecycleEvent resume(String note, String officer, Clock clock) {
        AgreementStatus status = statusOn(LocalDate.now(clock));
        if (status == AgreementStatus.TERMINATED) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference() + " is terminated; a terminated agreement is never resumed");
        }
        if (status != AgreementStatus.SUSPENDED) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference() + " is " + status.label()
                            + ", not suspended, so there is nothing to resume");
        }
        if (!suspendedByOfficer()) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference()
                            + " is suspended in its file; change the reviewed file and reload instead");
        }
        String detail = note == null || note.isBlank() ? "suspension lifted" : note;
        return event(LifecycleAction.RESUMED, Optional.empty(), officer, clock, detail, Optional.empty());
    }

    /** A termination: flows stop for good and this version can never be resumed or approved. */
    public LifecycleEvent terminate(String reason, String officer, Clock clock) {
        requireReason(reason, "terminated");
        if (status() == AgreementStatus.TERMINATED) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.CONFLICT,
                    "status",
                    "agreement " + reference() + " is already terminated");
        }
        return event(LifecycleAction.TERMINATED, Optional.empty(), officer, clock, reason, Optional.empty());
    }

    private String reference() {
        return asWritten.id() + " v" + asWritten.version();
    }

    private List<LifecycleEvent> currentVersion() {
        List<LifecycleEvent> current = new ArrayList<>();
        for (LifecycleEvent event : events) {
            if (event.version() == asWritten.version()) {
                current.add(event);
            }
        }
        return current;
    }

    private boolean terminated() {
        return currentVersion().stream().anyMatch(e -> e.action() == LifecycleAction.TERMINATED);
    }

    private boolean withdrawn() {
        return currentVersion().stream().anyMatch(e -> e.action() == LifecycleAction.WITHDRAWN);
    }

    private boolean suspendedByOfficer() {
        boolean suspended = false;
        for (LifecycleEvent event : currentVersion()) {
            if (event.action() == LifecycleAction.SUSPENDED) {
                suspended = true;
            } else if (event.action() == LifecycleAction.RESUMED) {
                suspended = false;
            }
        }
        return suspended;
    }

    private static void requireReason(@Nullable String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new LifecycleRefusedException(
                    LifecycleRefusedException.Kind.INVALID_REQUEST,
                    "reason",
                    "an agreement is " + what + " only with a reason, which its change log keeps");
        }
    }

    private LifecycleEvent event(
            LifecycleAction action,
            Optional<OdsCode> party,
            String officer,
            Clock clock,
            String detail,
            Optional<String> digest) {
        return new LifecycleEvent(
                asWritten.id(), asWritten.version(), action, party, officer, clock.instant(), detail, digest);
    }
}
