package org.vanguard.hub.consent;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.hub.consent.JdbcConsentStore.StoredConsent;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.hub.web.FhirAnswers;
import org.vanguard.hub.web.Searchsets;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.routes.consent.ConsentIntake;

/**
 * A patient's privacy Consent over FHIR REST (R4 create, read and update, with versions): kept before the answer so
 * that every decision after it honours it. A participant reads and updates only the Consents it sent (another's is
 * "not there"); each kept version has a {@code meta.versionId}, answered as the {@code ETag}, and an update with
 * {@code If-Match} replaces only that version (412 otherwise). {@code If-None-Exist: identifier=[system|]value} makes
 * a create conditional (3.1.0.8.1): an existing match is answered 200 and nothing is kept again.
 */
@RestController
@RequestMapping("/fhir/Consent")
class ConsentController {

    private static final String PREFER_OUTCOME = "return=OperationOutcome";
    private static final String PREFER_MINIMAL = "return=minimal";

    private final ConsentIntake intake;
    private final JdbcConsentStore store;

    public ConsentController(ConsentIntake intake, JdbcConsentStore store) {
        this.intake = intake;
        this.store = store;
    }

    @PostMapping
    public ResponseEntity<String> create(
            AuthenticatedParticipant caller,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = "If-None-Exist", required = false) String ifNoneExist,
            @RequestHeader(value = "Prefer", required = false) String prefer,
            @RequestBody(required = false) byte[] body) {
        ConsentIntake.Checked checked = intake.check(body, contentType, caller.ods());
        if (ifNoneExist != null) {
            List<String> matches = matching(caller, ifNoneExist);
            if (matches.size() > 1) {
                throw new FhirInputException(
                        Rejection.PRECONDITION_FAILED,
                        InputIssue.invalid(
                                "(header) If-None-Exist",
                                matches.size() + " of your Consents match '" + ifNoneExist
                                        + "'; a conditional create needs at most one"));
            }
            if (matches.size() == 1) {
                return answer(
                        HttpStatus.OK,
                        store.find(matches.get(0)).orElseThrow(),
                        prefer,
                        "a Consent matching '" + ifNoneExist + "' is already kept; nothing was changed",
                        List.of());
            }
        }
        ConsentRecord record = intake.keep(checked);
        return answer(
                HttpStatus.CREATED, store.find(record.id()).orElseThrow(), prefer, recorded(record), record.remarks());
    }

    @GetMapping("/{id}")
    public ResponseEntity<String> read(AuthenticatedParticipant caller, @PathVariable("id") String id) {
        StoredConsent stored = store.find(caller.ods().value() + "/" + id).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok()
                .eTag(stored.etag())
                .location(location(stored))
                .contentType(FhirAnswers.FHIR_JSON)
                .body(stored.resourceJson());
    }

    /**
     * A version read ({@code vread}) as the {@code Location} of a create or update names it: the hub keeps the current
     * version of a Consent only, so an earlier version is 404 with a word on why.
     */
    @GetMapping("/{id}/_history/{version}")
    public ResponseEntity<String> readVersion(
            AuthenticatedParticipant caller, @PathVariable("id") String id, @PathVariable("version") String version) {
        StoredConsent stored = store.find(caller.ods().value() + "/" + id).orElseThrow(() -> notFound(id));
        if (!stored.versionId().equals(version)) {
            throw new FhirInputException(
                    Rejection.NOT_FOUND,
                    new InputIssue(
                            IssueType.NOTFOUND,
                            "(path) version",
                            "Consent/" + id + " is at version " + stored.versionId()
                                    + "; the hub keeps the current version only"));
        }
        return read(caller, id);
    }

    @PutMapping("/{id}")
    public ResponseEntity<String> update(
            AuthenticatedParticipant caller,
            @PathVariable("id") String id,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = "Prefer", required = false) String prefer,
            @RequestBody(required = false) byte[] body) {
        ConsentIntake.Checked checked = intake.check(body, contentType, caller.ods());
        String given = checked.consent().getIdElement().getIdPart();
        if (given == null || !given.equals(id)) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value(
                            "Consent.id",
                            "an update of Consent/" + id + " must carry id '" + id + "'"
                                    + (given == null ? "" : ", not '" + given + "'")));
        }
        boolean existed = store.find(checked.record().id()).isPresent();
        Optional<ConsentRecord> kept = store.keepIfVersion(intake, checked, version(ifMatch));
        if (kept.isEmpty()) {
            String held =
                    store.find(checked.record().id()).map(StoredConsent::etag).orElse("none");
            throw new FhirInputException(
                    Rejection.PRECONDITION_FAILED,
                    InputIssue.invalid(
                            "(header) If-Match",
                            "If-Match " + ifMatch + " is not the version held (" + held
                                    + "); read it again and reapply your change"));
        }
        return answer(
                existed ? HttpStatus.OK : HttpStatus.CREATED,
                store.find(kept.get().id()).orElseThrow(),
                prefer,
                recorded(kept.get()),
                kept.get().remarks());
    }

    /** {@code W/"3"} or {@code "3"} -> {@code 3}; null when there is no If-Match. */
    private static @Nullable String version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.replace("\"", "");
    }

    /**
     * The caller's Consents that match {@code If-None-Exist}: a search query ({@code identifier=[system|]value}), bare
     * or as a URL ({@code Consent?identifier=...}, as HAPI's client writes it); {@code _format} in it is ignored.
     */
    private List<String> matching(AuthenticatedParticipant caller, String criteria) {
        String query = criteria.contains("?") ? criteria.substring(criteria.indexOf('?') + 1) : criteria;
        String identifier = null;
        int criteriaCount = 0;
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.isEmpty() || name.equals("_format")) {
                continue;
            }
            criteriaCount++;
            if (name.equals("identifier") && equals > 0) {
                try {
                    identifier = java.net.URLDecoder.decode(
                            pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new FhirInputException(
                            Rejection.INVALID,
                            InputIssue.value(
                                    "(header) If-None-Exist",
                                    "the identifier in '" + criteria + "' could not be decoded: " + e.getMessage()));
                }
            }
        }
        if (identifier == null || identifier.isBlank() || criteriaCount != 1) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value(
                            "(header) If-None-Exist",
                            "a conditional create "
                                    + "of a Consent takes one criterion, identifier=[system|]value; got '" + criteria
                                    + "'"));
        }
        int bar = identifier.indexOf('|');
        String system = bar < 0 ? null : identifier.substring(0, bar);
        return store.idsWithIdentifier(
                caller.ods(),
                system == null || system.isEmpty() ? null : system,
                bar < 0 ? identifier : identifier.substring(bar + 1));
    }

    /**
     * The Consent as kept, with its absolute, versioned Location and ETag; as FHIR's {@code Prefer} header asks, the
     * resource (the default), an OperationOutcome saying what happened (with a warning for each part of the Consent the hub
     * reads less than the sender may expect), or nothing.
     */
    private static ResponseEntity<String> answer(
            HttpStatus status, StoredConsent stored, String prefer, String message, List<String> remarks) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .eTag(stored.etag())
                .location(location(stored))
                .contentType(FhirAnswers.FHIR_JSON);
        String preference = prefer == null ? "" : prefer.toLowerCase(Locale.ROOT);
        if (preference.contains(PREFER_MINIMAL)) {
            return answer.body("");
        }
        if (preference.contains(PREFER_OUTCOME.toLowerCase(Locale.ROOT))) {
            OperationOutcome outcome = OperationOutcomes.information(message);
            for (String remark : remarks) {
                outcome.addIssue()
                        .setSeverity(OperationOutcome.IssueSeverity.WARNING)
                        .setCode(IssueType.INFORMATIONAL)
                        .setDiagnostics(remark);
            }
            return answer.body(FhirAnswers.json(outcome));
        }
        return answer.body(stored.resourceJson());
    }

    private static URI location(StoredConsent stored) {
        String localId = stored.id().substring(stored.id().indexOf('/') + 1);
        return URI.create(Searchsets.base() + "/Consent/" + localId + "/_history/" + stored.versionId());
    }

    private static String recorded(ConsentRecord record) {
        return "Consent " + record.id() + " (" + record.state().name().toLowerCase(Locale.ROOT)
                + ") recorded for patient " + record.patient() + "; it applies to every decision from now on";
    }

    private static FhirInputException notFound(String id) {
        return new FhirInputException(
                Rejection.NOT_FOUND,
                new InputIssue(IssueType.NOTFOUND, "(path) id", "you have no Consent '" + id + "' at the hub"));
    }
}
