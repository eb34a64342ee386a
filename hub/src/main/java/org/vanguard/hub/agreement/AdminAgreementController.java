package org.vanguard.hub.agreement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementLifecycle;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.agreement.AgreementTemplate;
import org.vanguard.governance.agreement.EffectivePeriod;
import org.vanguard.governance.agreement.LifecycleEvent;
import org.vanguard.governance.agreement.LifecycleRefusedException;
import org.vanguard.governance.impact.AgreementChange;
import org.vanguard.governance.impact.ImpactReport;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.yaml.GovernanceFileException;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.ExceptionText;
import org.vanguard.hub.web.FhirResponses;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;
import org.vanguard.profiles.fhir.Rejection;

/**
 * Agreements for IG officers: read them with the status their lifecycle gives them, approve a draft on behalf of
 * a party, suspend, resume and terminate, read the change log, export one as a FHIR {@code Contract}, reload the
 * reviewed files, and fetch a care-model template to tailor. The agreement text stays in the reviewed files; every
 * lifecycle change is kept with who made it and when (ICO data sharing code), and applies to decisions at once.
 * A reload is all or nothing: one bad file is refused with file, line and reason, and the running set stays.
 */
@RestController
public class AdminAgreementController {

    private static final Logger log = LoggerFactory.getLogger(AdminAgreementController.class);

    private final FileAgreementStore agreements;
    private final ContractExport contracts;
    private final AgreementTemplates templates;
    private final Clock clock;
    private final AdminAudit audit;
    private final AgreementImpact impact;

    public AdminAgreementController(
            FileAgreementStore agreements,
            ParticipantDirectory participants,
            AgreementTemplates templates,
            Clock clock,
            AdminAudit audit,
            AgreementImpact impact) {
        this.agreements = agreements;
        this.impact = impact;
        this.audit = audit;
        this.contracts = new ContractExport(participants);
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * An agreement as an IG officer reads it: its status today (lifecycle and dates applied) beside the status its
     * file gives, who has approved this version and who is still to, and its terms as written.
     */
    public record AgreementView(
            String id,
            int version,
            String title,
            String status,
            String stage,
            String statusInFile,
            EffectivePeriod effective,
            Optional<LocalDate> reviewDate,
            List<String> approvedBy,
            List<String> awaitingApproval,
            Agreement terms,
            Optional<ImpactReport> impactOfApproval) {

        static AgreementView of(AgreementLifecycle lifecycle, LocalDate today) {
            return of(lifecycle, today, Optional.empty());
        }

        static AgreementView of(
                AgreementLifecycle lifecycle, LocalDate today, Optional<ImpactReport> impactOfApproval) {
            Agreement a = lifecycle.asWritten();
            return new AgreementView(
                    a.id(),
                    a.version(),
                    a.title(),
                    lifecycle.statusOn(today).label(),
                    lifecycle.stageOn(today),
                    a.status().label(),
                    a.effective(),
                    a.reviewDate(),
                    codes(lifecycle.approvedBy()),
                    codes(lifecycle.awaitingApproval()),
                    a,
                    impactOfApproval);
        }

        private static List<String> codes(Set<OdsCode> parties) {
            return parties.stream().map(OdsCode::value).toList();
        }
    }

    /** One entry of the change log: when, who, what and about which version. */
    public record HistoryEntry(
            Instant at,
            String officer,
            String action,
            int version,
            @Nullable String party,
            String detail) {

        static HistoryEntry of(LifecycleEvent event) {
            return new HistoryEntry(
                    event.at(),
                    event.officer(),
                    event.action().label(),
                    event.version(),
                    event.party().map(OdsCode::value).orElse(null),
                    event.detail());
        }
    }

    /** An approval: the party the officer approves for, and optionally the version they read. */
    public record ApprovalRequest(
            @Nullable String party, @Nullable Integer version) {}

    /** Why the agreement is suspended, resumed or terminated. */
    public record ReasonRequest(String reason) {}

    /** A template as listed: its name and the placeholders to replace with participants' ODS codes. */
    public record TemplateView(String name, Set<String> placeholders) {}

    @RequiresRole({Role.IG_OFFICER, Role.MDT_MEMBER})
    @GetMapping("/admin/agreements")
    public List<AgreementView> list(AuthenticatedOfficer officer) {
        LocalDate today = LocalDate.now(clock);
        return agreements.lifecycles().stream()
                .map(l -> AgreementView.of(l, today))
                .toList();
    }

    /**
     * One agreement; a version awaiting approval carries the impact of approving it, so every party's IG officer
     * sees what the approval would change before giving it. MDT members read the terms without the impact report.
     */
    @RequiresRole({Role.IG_OFFICER, Role.MDT_MEMBER})
    @GetMapping("/admin/agreements/{id}")
    public AgreementView get(AuthenticatedOfficer officer, @PathVariable String id) {
        AgreementLifecycle lifecycle = lifecycle(id);
        Optional<ImpactReport> impactOfApproval = officer.holds(Role.IG_OFFICER)
                        && !lifecycle.awaitingApproval().isEmpty()
                ? Optional.of(impact.of(new AgreementChange.Approval(lifecycle.asWritten()), agreements.current()))
                : Optional.empty();
        return AgreementView.of(lifecycle, LocalDate.now(clock), impactOfApproval);
    }

    /**
     * The impact of a change before it is made: {@code change} is {@code approve} (a version awaiting approval, as if
     * every party approved it), {@code suspend} or {@code terminate}; the audited decisions of the last {@code days}
     * days (default {@code hub.agreements.impact.window}) between the agreement's parties are decided again with and
     * without the change. Nothing is changed, sent or audited.
     */
    @GetMapping("/admin/agreements/{id}/impact")
    public ImpactReport impact(
            AuthenticatedOfficer officer,
            @PathVariable String id,
            @RequestParam(name = "change") String change,
            @RequestParam(name = "days", required = false) String days) {
        AgreementLifecycle lifecycle = lifecycle(id);
        Agreement agreement = lifecycle.inEffect();
        AgreementChange weighed = switch (change) {
            case "approve" -> {
                if (lifecycle.awaitingApproval().isEmpty()) {
                    throw new LifecycleRefusedException(
                            LifecycleRefusedException.Kind.CONFLICT,
                            "change",
                            "agreement " + id + " v" + agreement.version() + " is "
                                    + lifecycle.status().label() + ", not awaiting approval");
                }
                yield new AgreementChange.Approval(lifecycle.asWritten());
            }
            case "suspend" -> new AgreementChange.Suspension(agreement);
            case "terminate" -> new AgreementChange.Termination(agreement);
            default ->
                throw new FhirInputException(
                        Rejection.INVALID,
                        InputIssue.invalid(
                                "change", "change must be approve, suspend or terminate, not '" + change + "'"));
        };
        ImpactReport report = days == null
                ? impact.of(weighed, agreements.current())
                : impact.of(weighed, agreements.current(), Duration.ofDays(days(days)));
        log.info(
                "{} weighed {}: {} of {} audited decisions would change",
                officer.subject(),
                report.change(),
                report.changed(),
                report.reassessed());
        return report;
    }

    private static int days(String days) {
        try {
            int value = Integer.parseInt(days);
            if (value >= 1 && value <= 366) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new FhirInputException(
                Rejection.INVALID,
                InputIssue.invalid("days", "days must be a whole number from 1 to 366, not '" + days + "'"));
    }

    @RequiresRole({Role.IG_OFFICER, Role.MDT_MEMBER})
    @GetMapping("/admin/agreements/{id}/history")
    public List<HistoryEntry> history(AuthenticatedOfficer officer, @PathVariable String id) {
        return lifecycle(id).history().stream().map(HistoryEntry::of).toList();
    }

    /** The agreement as a FHIR R4 Contract, with the status it has today; {@link ContractExport} gives the mapping. */
    @RequiresRole({Role.IG_OFFICER, Role.MDT_MEMBER})
    @GetMapping({"/admin/agreements/{id}/contract", "/admin/agreements/{id}/$export"})
    public ResponseEntity<String> contract(AuthenticatedOfficer officer, @PathVariable String id) {
        AgreementLifecycle lifecycle = lifecycle(id);
        AgreementStatus status = lifecycle.statusOn(LocalDate.now(clock));
        return FhirResponses.of(HttpStatus.OK, contracts.export(lifecycle.asWritten(), status));
    }

    @PostMapping("/admin/agreements/{id}/approve")
    public AgreementView approve(
            AuthenticatedOfficer officer, @PathVariable String id, @RequestBody ApprovalRequest request) {
        OdsCode party = AdminRequests.field("party", request.party(), OdsCode::of);
        Optional<Integer> version = Optional.ofNullable(request.version());
        return change(officer, id, l -> l.approve(party, version, officer.subject(), clock));
    }

    /** Submits a draft's current text for its parties' approval; approvals are given only to a submitted text. */
    @PostMapping("/admin/agreements/{id}/submit")
    public AgreementView submit(AuthenticatedOfficer officer, @PathVariable String id) {
        return change(officer, id, l -> l.submit(officer.subject(), clock));
    }

    /** Withdraws a draft before it takes effect, with a reason; it can then never be approved. */
    @PostMapping("/admin/agreements/{id}/withdraw")
    public AgreementView withdraw(
            AuthenticatedOfficer officer, @PathVariable String id, @RequestBody ReasonRequest request) {
        return change(officer, id, l -> l.withdraw(request.reason(), officer.subject(), clock));
    }

    @PostMapping("/admin/agreements/{id}/suspend")
    public AgreementView suspend(
            AuthenticatedOfficer officer, @PathVariable String id, @RequestBody ReasonRequest request) {
        return change(officer, id, l -> l.suspend(request.reason(), officer.subject(), clock));
    }

    @PostMapping("/admin/agreements/{id}/resume")
    public AgreementView resume(
            AuthenticatedOfficer officer,
            @PathVariable String id,
            @RequestBody(required = false) ReasonRequest request) {
        String note = request == null ? "" : request.reason();
        return change(officer, id, l -> l.resume(note, officer.subject(), clock));
    }

    @PostMapping("/admin/agreements/{id}/terminate")
    public AgreementView terminate(
            AuthenticatedOfficer officer, @PathVariable String id, @RequestBody ReasonRequest request) {
        return change(officer, id, l -> l.terminate(request.reason(), officer.subject(), clock));
    }

    @PostMapping("/admin/agreements/reload")
    public Map<String, Object> reload(AuthenticatedOfficer officer) {
        AgreementCatalogue catalogue;
        try {
            catalogue = audit.change(
                    () -> agreements.reload(officer.subject()),
                    loaded -> audit.by(
                            officer.subject(),
                            "agreement.reload",
                            "reloaded " + loaded.all().size() + " agreements: "
                                    + loaded.all().stream()
                                            .map(a -> a.id() + " v" + a.version() + " "
                                                    + a.status().label())
                                            .toList()));
        } catch (GovernanceFileException e) {
            log.info("{} tried to reload agreements; refused: {}", officer.subject(), e.getMessage());
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid(
                            e.file() + ":" + e.line(), e.reason() + " (the agreements in force are unchanged)"));
        }
        log.info("{} reloaded {} agreements", officer.subject(), catalogue.all().size());
        return Map.of(
                "agreements",
                catalogue.all().stream()
                        .map(a -> a.id() + " v" + a.version() + " " + a.status().label())
                        .toList());
    }

    @RequiresRole({Role.IG_OFFICER, Role.MDT_MEMBER})
    @GetMapping("/admin/agreement-templates")
    public List<TemplateView> templates(AuthenticatedOfficer officer) {
        return templates.all().stream()
                .map(t -> new TemplateView(t.name(), t.placeholders()))
                .toList();
    }

    /** The template's YAML as written, to copy into the vanguard's agreements and tailor. */
    @RequiresRole({Role.IG_OFFICER, Role.MDT_MEMBER})
    @GetMapping("/admin/agreement-templates/{name}")
    public ResponseEntity<String> template(AuthenticatedOfficer officer, @PathVariable String name) {
        AgreementTemplate template = templates
                .find(name)
                .orElseThrow(() -> new NotFoundException(
                        "no agreement template " + name + "; the templates are " + AgreementTemplate.SHIPPED));
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "yaml", java.nio.charset.StandardCharsets.UTF_8))
                .body(template.text());
    }

    /**
     * A lifecycle change the agreement's state or the request does not allow: 409 when the state forbids it
     * (e.g. resuming a terminated agreement), 400 when the request is wrong (e.g. approving for a non-party).
     */
    @ExceptionHandler(LifecycleRefusedException.class)
    ResponseEntity<String> refused(LifecycleRefusedException e) {
        HttpStatus status =
                e.kind() == LifecycleRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        IssueType type = e.kind() == LifecycleRefusedException.Kind.CONFLICT ? IssueType.BUSINESSRULE : IssueType.VALUE;
        log.info("Refused agreement change ({}): {}", status.value(), e.getMessage());
        return FhirResponses.of(
                status, OperationOutcomes.of(List.of(new InputIssue(type, e.location(), ExceptionText.of(e)))));
    }

    private AgreementView change(
            AuthenticatedOfficer officer, String id, Function<AgreementLifecycle, LifecycleEvent> change) {
        LifecycleEvent event = audit.change(
                () -> agreements.change(id, change).orElseThrow(() -> new NotFoundException("no agreement " + id)),
                done -> audit.by(
                                officer.subject(),
                                "agreement." + done.action().label(),
                                done.action().label() + " agreement "
                                        + done.agreementId() + " v" + done.version()
                                        + done.party().map(p -> " for " + p).orElse("")
                                        + (done.detail() == null
                                                        || done.detail().isBlank()
                                                ? ""
                                                : ": " + done.detail()))
                        .aboutAgreement(done.agreementId() + " v" + done.version()));
        log.info(
                "{} {} agreement {} v{}{}: {}",
                officer.subject(),
                event.action().label(),
                event.agreementId(),
                event.version(),
                event.party().map(p -> " for " + p).orElse(""),
                event.detail());
        return get(officer, id);
    }

    private AgreementLifecycle lifecycle(String id) {
        return agreements.lifecycleOf(id).orElseThrow(() -> new NotFoundException("no agreement " + id));
    }
}
