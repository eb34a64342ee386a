package org.vanguard.hub.consent;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionType;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * Standing objections for IG officers: record or remove one, list a patient's, and import the National
 * Data Opt-out list as the national check service returns it (one NHS number per line, the complete list).
 */
@RestController
@RequestMapping("/admin/objections")
class AdminObjectionController {

    private static final Logger log = LoggerFactory.getLogger(AdminObjectionController.class);

    private final JdbcObjectionStore objections;
    private final Clock clock;
    private final AdminAudit audit;

    public AdminObjectionController(JdbcObjectionStore objections, Clock clock, AdminAudit audit) {
        this.objections = objections;
        this.audit = audit;
        this.clock = clock;
    }

    /** An objection to record. */
    public record ObjectionRequest(String nhsNumber, String type, String source) {}

    @GetMapping
    public List<Objection> list(AuthenticatedOfficer officer, @RequestParam String nhsNumber) {
        return objections.objectionsOf(AdminRequests.field("nhsNumber", nhsNumber, NhsNumber::of));
    }

    @PostMapping
    public ResponseEntity<Objection> record(AuthenticatedOfficer officer, @RequestBody ObjectionRequest request) {
        NhsNumber patient = AdminRequests.field("nhsNumber", request.nhsNumber(), NhsNumber::of);
        ObjectionType type = AdminRequests.field("type", request.type(), ObjectionType::fromLabel);
        String source = request.source() == null || request.source().isBlank()
                ? "recorded by " + officer.subject()
                : request.source();
        Objection objection = new Objection(patient, type, clock.instant(), source);
        audit.change(
                () -> {
                    objections.record(objection);
                    return objection;
                },
                o -> audit.by(
                                officer.subject(),
                                "objection.record",
                                "recorded objection " + type.label() + " (" + source + ")")
                        .aboutPatient(patient.value()));
        log.info("{} recorded objection {} for patient {}", officer.subject(), type.label(), patient);
        return ResponseEntity.status(201).body(objection);
    }

    @DeleteMapping("/{nhsNumber}/{type}")
    public ResponseEntity<Void> remove(
            AuthenticatedOfficer officer, @PathVariable String nhsNumber, @PathVariable String type) {
        NhsNumber patient = AdminRequests.field("nhsNumber", nhsNumber, NhsNumber::of);
        ObjectionType objection = AdminRequests.field("type", type, ObjectionType::fromLabel);
        audit.change(
                () -> {
                    if (!objections.remove(patient, objection)) {
                        throw new NotFoundException(
                                "patient " + patient + " holds no " + objection.label() + " objection");
                    }
                    return objection;
                },
                removed -> audit.by(officer.subject(), "objection.remove", "removed objection " + removed.label())
                        .aboutPatient(patient.value()));
        log.info("{} removed objection {} for patient {}", officer.subject(), objection.label(), patient);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/national-data-opt-out", consumes = "text/plain")
    public Map<String, Object> importOptOuts(AuthenticatedOfficer officer, @RequestBody byte[] body) {
        ObjectionFile.Read file = ObjectionFile.read(body);
        if (!file.clean()) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    file.refused().stream()
                            .map(r -> InputIssue.value("line " + r.line(), r.reason()))
                            .toList());
        }
        List<NhsNumber> patients = file.patients();
        int count = audit.change(
                () -> objections.replaceNationalDataOptOuts(
                        patients, clock.instant(), "National Data Opt-out list imported by " + officer.subject()),
                n -> audit.by(
                        officer.subject(),
                        "objection.import",
                        "imported the National Data Opt-out list: " + n + " patients"));
        log.info("{} imported {} National Data Opt-outs", officer.subject(), count);
        return Map.of("imported", count);
    }
}
