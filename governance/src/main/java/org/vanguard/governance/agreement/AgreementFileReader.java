package org.vanguard.governance.agreement;

import java.net.URI;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.sensitivity.SensitiveCategory;
import org.vanguard.governance.yaml.YamlNode;

/**
 * Reads one agreement from its YAML file and checks it against the participants of the vanguard. A file
 * that fails any check is refused whole, naming file, line and reason; nothing of it is applied. The keys
 * are those of {@code schema/agreement.schema.json}; data scope and accountability keys are optional, so
 * an agreement written before they were kept still reads (whole records, nothing sensitive).
 */
public final class AgreementFileReader {

    /** The FHIR resource types the hub exchanges; a flow naming another type is a mistake in the file. */
    public static final Set<String> SHAREABLE_TYPES = Set.of("Patient", "CarePlan", "Consent");

    /** The keys each part of an agreement file may hold; the JSON Schema describes exactly these. */
    static final List<String> AGREEMENT_KEYS = List.of(
            "id",
            "version",
            "title",
            "status",
            "effective",
            "reviewDate",
            "parties",
            "purposes",
            "flows",
            "dataScope",
            "retention",
            "dpiaReference",
            "breachContact",
            "privacyNotice");

    static final List<String> EFFECTIVE_KEYS = List.of("start", "end");
    static final List<String> PARTY_KEYS = List.of("ods", "role", "signatory");
    static final List<String> PURPOSE_KEYS = List.of("code", "article6", "article9", "gateway", "optOutExemption");
    static final List<String> FLOW_KEYS = List.of("from", "to", "resourceTypes", "purposes");
    static final List<String> DATA_SCOPE_KEYS =
            List.of("identifiability", "elements", "sensitiveCategories", "generalise");
    static final List<String> RETENTION_KEYS = List.of("recipient", "period");

    private final ParticipantDirectory participants;

    public AgreementFileReader(ParticipantDirectory participants) {
        this.participants = participants;
    }

    public Agreement read(String file, String text) {
        YamlNode root = YamlNode.parse(file, text).onlyKeys(AGREEMENT_KEYS.toArray(String[]::new));
        String id = root.required("id").text();
        int version = root.required("version").integer();
        String title = root.required("title").text();
        AgreementStatus status = root.required("status").as(AgreementStatus::fromLabel);
        YamlNode effectiveNode = root.required("effective").onlyKeys(EFFECTIVE_KEYS.toArray(String[]::new));
        LocalDate start = effectiveNode.required("start").date();
        Optional<LocalDate> end = effectiveNode.field("end").map(YamlNode::date);
        EffectivePeriod effective = effectiveNode.check(() -> new EffectivePeriod(start, end));
        Optional<LocalDate> review = root.field("reviewDate").map(YamlNode::date);

        List<Party> parties = new ArrayList<>();
        for (YamlNode item : root.required("parties").items()) {
            item.onlyKeys(PARTY_KEYS.toArray(String[]::new));
            YamlNode odsNode = item.required("ods");
            OdsCode ods = odsNode.as(OdsCode::new);
            if (!participants.contains(ods)) {
                throw odsNode.error("party " + ods + " is not a participant of this vanguard");
            }
            if (parties.stream().anyMatch(p -> p.ods().equals(ods))) {
                throw odsNode.error("party " + ods + " is listed twice");
            }
            parties.add(new Party(
                    ods,
                    item.required("role").as(PartyRole::fromLabel),
                    item.optionalText("signatory").orElse("")));
        }

        List<PurposeTerms> purposes = new ArrayList<>();
        for (YamlNode item : root.required("purposes").items()) {
            item.onlyKeys(PURPOSE_KEYS.toArray(String[]::new));
            YamlNode codeNode = item.required("code");
            Purpose purpose = codeNode.as(Purpose::fromCode);
            if (purposes.stream().anyMatch(t -> t.purpose() == purpose)) {
                throw codeNode.error("purpose " + purpose + " is listed twice");
            }
            String article6 = item.required("article6").text();
            String article9 = item.required("article9").text();
            LawfulGateway gateway = item.required("gateway").as(LawfulGateway::fromLabel);
            Optional<String> exemption = item.optionalText("optOutExemption");
            purposes.add(item.check(() -> new PurposeTerms(purpose, article6, article9, gateway, exemption)));
        }

        List<Flow> flows = new ArrayList<>();
        List<YamlNode> flowNodes = root.required("flows").items();
        for (int i = 0; i < flowNodes.size(); i++) {
            YamlNode item = flowNodes.get(i).onlyKeys(FLOW_KEYS.toArray(String[]::new));
            Set<OdsCode> partyCodes = new LinkedHashSet<>();
            parties.forEach(p -> partyCodes.add(p.ods()));
            String clause = "flows[" + i + "]";
            Set<OdsCode> from = parties(item.required("from"), partyCodes, clause, id);
            Set<OdsCode> to = parties(item.required("to"), partyCodes, clause, id);
            Set<String> types = new LinkedHashSet<>();
            for (YamlNode type : item.required("resourceTypes").items()) {
                String value = type.text();
                if (!SHAREABLE_TYPES.contains(value)) {
                    throw type.error("resource type '" + value + "' is not one the hub shares; expected one of "
                            + SHAREABLE_TYPES.stream().sorted().toList());
                }
                types.add(value);
            }
            Set<Purpose> flowPurposes = new LinkedHashSet<>();
            for (YamlNode purpose : item.required("purposes").items()) {
                Purpose code = purpose.as(Purpose::fromCode);
                if (purposes.stream().noneMatch(t -> t.purpose() == code)) {
                    throw purpose.error(clause + " uses purpose " + code + ", which agreement " + id
                            + " does not list with a legal basis");
                }
                flowPurposes.add(code);
            }
            int index = i;
            flows.add(item.check(() -> new Flow(index, from, to, types, flowPurposes)));
        }
        Set<String> sharedTypes = new LinkedHashSet<>();
        flows.forEach(f -> sharedTypes.addAll(f.resourceTypes()));
        DataScope scope = root.field("dataScope")
                .map(node -> dataScope(node, sharedTypes))
                .orElse(DataScope.wholeRecords());
        Accountability accountability = accountability(root, parties);
        return root.check(() -> new Agreement(
                id, version, title, status, effective, review, parties, purposes, flows, scope, accountability));
    }

    private static DataScope dataScope(YamlNode node, Set<String> sharedTypes) {
        node.onlyKeys(DATA_SCOPE_KEYS.toArray(String[]::new));
        Identifiability identifiability = node.field("identifiability")
                .map(n -> n.as(Identifiability::fromLabel))
                .orElse(Identifiability.IDENTIFIABLE);
        Map<String, Set<String>> elements = new LinkedHashMap<>();
        node.field("elements").ifPresent(mapping -> {
            for (String type : mapping.keys()) {
                YamlNode list = mapping.required(type);
                if (!sharedTypes.contains(type)) {
                    throw list.error("the data scope names " + type + ", which none of the agreement's flows shares; "
                            + "expected one of " + sharedTypes);
                }
                Set<String> names = new LinkedHashSet<>();
                for (YamlNode element : list.items()) {
                    names.add(element.text());
                }
                list.check(() -> new DataScope(Map.of(type, names), Identifiability.IDENTIFIABLE, Set.of()));
                elements.put(type, names);
            }
        });
        Set<SensitiveCategory> categories = EnumSet.noneOf(SensitiveCategory.class);
        node.field("sensitiveCategories").ifPresent(list -> {
            for (YamlNode item : list.items()) {
                categories.add(item.as(SensitiveCategory::fromLabel));
            }
        });
        Map<String, GeneralisedForm> generalise = new LinkedHashMap<>();
        node.field("generalise").ifPresent(mapping -> {
            for (String element : mapping.keys()) {
                YamlNode form = mapping.required(element);
                GeneralisedForm value = form.as(GeneralisedForm::fromLabel);
                form.check(() -> new DataScope(Map.of(), identifiability, Set.of(), Map.of(element, value)));
                generalise.put(element, value);
            }
        });
        return node.check(() -> new DataScope(elements, identifiability, categories, generalise));
    }

    private static Accountability accountability(YamlNode root, List<Party> parties) {
        Map<OdsCode, Period> retention = new LinkedHashMap<>();
        root.field("retention").ifPresent(list -> {
            for (YamlNode item : list.items()) {
                item.onlyKeys(RETENTION_KEYS.toArray(String[]::new));
                YamlNode recipientNode = item.required("recipient");
                OdsCode recipient = recipientNode.as(OdsCode::new);
                if (parties.stream().noneMatch(p -> p.ods().equals(recipient))) {
                    throw recipientNode.error(
                            "retention is set for " + recipient + ", which is not a party to the agreement");
                }
                if (retention.containsKey(recipient)) {
                    throw recipientNode.error("retention for " + recipient + " is set twice");
                }
                YamlNode periodNode = item.required("period");
                Period period = periodNode.as(AgreementFileReader::isoPeriod);
                retention.put(recipient, period);
            }
        });
        Optional<String> dpia = root.optionalText("dpiaReference");
        Optional<String> breach = root.optionalText("breachContact");
        Optional<URI> notice = root.field("privacyNotice")
                .map(n -> n.as(text -> new Accountability(
                                Map.of(), Optional.empty(), Optional.empty(), Optional.of(URI.create(text)))
                        .privacyNotice()
                        .orElseThrow()));
        return root.check(() -> new Accountability(retention, dpia, breach, notice));
    }

    private static Period isoPeriod(String text) {
        try {
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException(
                        "a retention period must be longer than nothing, not '" + text + "'");
            }
            return period;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO 8601 period such as P8Y or P18M, not '" + text + "'");
        }
    }

    /** The ODS codes of a flow's senders or recipients, each refused at its own line unless it is a party. */
    private static Set<OdsCode> parties(YamlNode list, Set<OdsCode> partyCodes, String clause, String id) {
        Set<OdsCode> codes = new LinkedHashSet<>();
        for (YamlNode item : list.items()) {
            OdsCode code = item.as(OdsCode::new);
            if (!partyCodes.contains(code)) {
                throw item.error(clause + " names " + code + ", which is not a party to agreement " + id);
            }
            codes.add(code);
        }
        return codes;
    }
}
