package org.vanguard.routes.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.routes.dispatch.RecipientDecisions;
import org.vanguard.routes.record.RecordRepository;
import org.vanguard.routes.record.SharedRecord;

/**
 * Answers a participant's search for a patient's Patient or CarePlan records from the shared record store.
 * Each source's records are decided as if that source were pushing them to the requester for the stated
 * purpose ({@link RecipientDecisions}, the same decisions, minimisation and audit rows as dispatch, under a
 * query id of their own). The answer is a FHIR searchset of what is permitted, and says nothing about what
 * was not: an empty searchset looks the same whether nothing is held or everything was denied. A
 * requester's own records are not in the answer; it holds them already.
 */
public final class RecordQuery {

    /** What every query's id starts with: its decisions are audited under that id, as a message's are under its own. */
    public static final String ID_PREFIX = "query-";

    private static final Logger log = LoggerFactory.getLogger(RecordQuery.class);

    private final RecordRepository records;
    private final RecipientDecisions decisions;
    private final AuditLog audit;
    private final Clock clock;

    public RecordQuery(RecordRepository records, RecipientDecisions decisions, AuditLog audit, Clock clock) {
        this.records = records;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The result and the id its decisions are audited under. */
    public record Result(String queryId, Bundle searchset) {}

    public Result search(OdsCode requester, Purpose purpose, NhsNumber patient, String resourceType) {
        String queryId = ID_PREFIX + UUID.randomUUID();
        Instant now = clock.instant();
        Map<OdsCode, List<SharedRecord>> bySource = new LinkedHashMap<>();
        for (SharedRecord record : records.latestAbout(patient, resourceType)) {
            if (!record.key().source().equals(requester)) {
                bySource.computeIfAbsent(record.key().source(), source -> new ArrayList<>())
                        .add(record);
            }
        }
        List<AuditEntry> entries = new ArrayList<>();
        List<Resource> released = new ArrayList<>();
        List<Resource> patientRecords = null;
        for (Map.Entry<OdsCode, List<SharedRecord>> source : bySource.entrySet()) {
            RecipientDecisions.Permitted permitted = decisions.decide(
                    queryId,
                    source.getKey(),
                    requester,
                    purpose,
                    patient,
                    Set.of(resourceType),
                    Optional.empty(),
                    now,
                    entries);
            if (permitted.nothing()) {
                continue;
            }
            if (patientRecords == null) {
                // The patient's names as every source's Patient record gives them, for de-identification to scrub.
                patientRecords = records.latestAbout(patient, "Patient").stream()
                        .map(record -> (Resource) FhirParsing.fromTrustedJson(Patient.class, record.resourceJson()))
                        .toList();
            }
            for (SharedRecord record : source.getValue()) {
                Resource resource = (Resource) FhirParsing.fromTrustedJson(
                        FhirParsing.context()
                                .getResourceDefinition(resourceType)
                                .getImplementingClass(),
                        record.resourceJson());
                decisions
                        .release(resource, permitted, patientRecords)
                        .ifPresent(kept -> released.add(identified(kept, record, released)));
            }
        }
        if (!entries.isEmpty()) {
            audit.record(entries);
        }
        log.info(
                "Query {} by {} for {} {} records of patient {}: {} sources held, {} records returned",
                queryId,
                requester,
                purpose.code(),
                resourceType,
                patient,
                bySource.size(),
                released.size());
        return new Result(queryId, searchset(queryId, released, now));
    }

    /**
     * A search result has a logical id (FHIR R4 search: each entry is addressable): the id the source gave it, or
     * one derived from the record's key when it had none or another source's record already has it here.
     */
    private static Resource identified(Resource resource, SharedRecord record, List<Resource> already) {
        String id = resource.getIdElement().getIdPart();
        boolean taken = id != null
                && already.stream()
                        .anyMatch(other -> other.fhirType().equals(resource.fhirType())
                                && id.equals(other.getIdElement().getIdPart()));
        if (id == null || id.isBlank() || taken) {
            resource.setId(UUID.nameUUIDFromBytes(
                            ("record|" + record.key().describe()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString());
        } else {
            resource.setId(id);
        }
        return resource;
    }

    private static Bundle searchset(String queryId, List<Resource> resources, Instant now) {
        Bundle bundle = new Bundle();
        bundle.setId(queryId);
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.getMeta().setLastUpdated(Date.from(now));
        bundle.setTotal(resources.size());
        for (Resource resource : resources) {
            bundle.addEntry().setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }
}
