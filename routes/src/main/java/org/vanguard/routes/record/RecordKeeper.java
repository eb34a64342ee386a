package org.vanguard.routes.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.routes.intake.MessageFacts;

/**
 * Keeps each Patient and CarePlan a message carries as the latest version of its record, and refuses a
 * message that would move a record backwards: an older version than the one held, or the same version with
 * different content (two different records cannot share a version). A repeat of the version held, same
 * content, is not stale: a message redelivered after a crash is dispatched again, not refused.
 * A resource without a logical id cannot be recognised as a version of anything and is not kept.
 * See {@link RecordVersion} for the ordering rule.
 */
public final class RecordKeeper {

    /** The resource types the hub keeps as shared records. */
    public static final Set<String> KEPT_TYPES = Set.of("Patient", "CarePlan");

    private final RecordRepository records;

    public RecordKeeper(RecordRepository records) {
        this.records = records;
    }

    /**
     * At intake, before anything is queued: refuses the message (409) if it carries a stale version of a
     * record the hub holds, naming the meta element of each. Dispatch checks again, under lock.
     */
    public void refuseStale(MessageFacts facts) {
        List<InputIssue> issues = new ArrayList<>();
        for (Offered offered :
                offered(facts, "(not yet accepted)", Instant.EPOCH).values()) {
            records.held(offered.key)
                    .flatMap(held -> staleness(offered, held))
                    .ifPresent(
                            stale -> issues.add(new InputIssue(IssueType.CONFLICT, stale.location(), stale.explain())));
        }
        if (!issues.isEmpty()) {
            throw new FhirInputException(Rejection.CONFLICT, issues);
        }
    }

    /** At dispatch: keeps every record the message carries, or none of them and returns why when one is stale. */
    public List<StaleRecord> keep(MessageFacts facts, String hubMessageId, Instant at) {
        Map<RecordKey, Offered> offered = offered(facts, hubMessageId, at);
        if (offered.isEmpty()) {
            return List.of();
        }
        return records.keepUnlessStale(
                offered.values().stream().map(Offered::record).toList(),
                (record, held) -> held == null
                        ? Optional.empty()
                        : staleness(Objects.requireNonNull(offered.get(record.key())), held));
    }

    private static Optional<StaleRecord> staleness(Offered offered, SharedRecord held) {
        RecordVersion version = offered.version;
        RecordVersion.Order order = version.against(held.version());
        // The content is encoded and hashed only when the versions are the same: at intake nothing else needs it.
        boolean stale = order == RecordVersion.Order.OLDER
                || (order == RecordVersion.Order.SAME
                        && !offered.record().contentHash().equals(held.contentHash()));
        if (!stale) {
            return Optional.empty();
        }
        String location = "Bundle.entry[" + offered.index + "].resource." + version.decidingElement(held.version());
        return Optional.of(new StaleRecord(offered.record(), held, location));
    }

    /** A version a message offers, as the shared record it would be, encoded (JSON, hash) on first need. */
    private static final class Offered {

        private final RecordKey key;
        private final Resource resource;
        private final RecordVersion version;
        private final int index;
        private final MessageFacts facts;
        private final String hubMessageId;
        private final Instant at;
        private @Nullable SharedRecord record;

        Offered(
                RecordKey key,
                Resource resource,
                RecordVersion version,
                int index,
                MessageFacts facts,
                String hubMessageId,
                Instant at) {
            this.key = key;
            this.resource = resource;
            this.version = version;
            this.index = index;
            this.facts = facts;
            this.hubMessageId = hubMessageId;
            this.at = at;
        }

        SharedRecord record() {
            SharedRecord encoded = record;
            if (encoded == null) {
                String json = FhirParsing.toJson(resource);
                encoded = new SharedRecord(key, facts.patient(), version, sha256(json), json, hubMessageId, at);
                record = encoded;
            }
            return encoded;
        }
    }

    private static Map<RecordKey, Offered> offered(MessageFacts facts, String hubMessageId, Instant at) {
        Map<RecordKey, Offered> offered = new LinkedHashMap<>();
        List<Bundle.BundleEntryComponent> entries = facts.content().bundle().getEntry();
        for (int i = 1; i < entries.size(); i++) {
            Resource resource = entries.get(i).getResource();
            if (resource == null || !KEPT_TYPES.contains(resource.fhirType())) {
                continue;
            }
            String id = resource.getIdElement().getIdPart();
            if (id == null || id.isBlank()) {
                continue;
            }
            RecordKey key = new RecordKey(facts.sender(), resource.fhirType(), id);
            RecordVersion version = new RecordVersion(
                    Optional.ofNullable(resource.getMeta().getVersionId()).filter(v -> !v.isBlank()),
                    Optional.ofNullable(resource.getMeta().getLastUpdated()).map(java.util.Date::toInstant));
            offered.put(key, new Offered(key, resource, version, i, facts, hubMessageId, at));
        }
        return offered;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
