package org.vanguard.governance.agreement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.yaml.YamlNode;

/**
 * Reads one agreement from its YAML file and checks it against the participants of the vanguard. A file
 * that fails any check is refused whole, naming file, line and reason; nothing of it is applied.
 */
public final class AgreementFileReader {

    /** The FHIR resource types the hub exchanges; a flow naming another type is a mistake in the file. */
    public static final Set<String> SHAREABLE_TYPES = Set.of("Patient", "CarePlan", "Consent");

    private final ParticipantDirectory participants;

    public AgreementFileReader(ParticipantDirectory participants) {
        this.participants = participants;
    }

    public Agreement read(String file, String text) {
        YamlNode root = YamlNode.parse(file, text)
                .onlyKeys("id", "version", "title", "status", "effective", "reviewDate", "parties", "purposes", "flows");
        String id = root.required("id").text();
        int version = root.required("version").integer();
        String title = root.required("title").text();
        AgreementStatus status = root.required("status").as(AgreementStatus::fromLabel);
        YamlNode effectiveNode = root.required("effective").onlyKeys("start", "end");
        LocalDate start = effectiveNode.required("start").date();
        Optional<LocalDate> end = effectiveNode.field("end").map(YamlNode::date);
        EffectivePeriod effective = effectiveNode.check(() -> new EffectivePeriod(start, end));
        Optional<LocalDate> review = root.field("reviewDate").map(YamlNode::date);

        List<Party> parties = new ArrayList<>();
        for (YamlNode item : root.required("parties").items()) {
            item.onlyKeys("ods", "role", "signatory");
            YamlNode odsNode = item.required("ods");
            OdsCode ods = odsNode.as(OdsCode::new);
            if (!participants.contains(ods)) {
                throw odsNode.error("party " + ods + " is not a participant of this vanguard");
            }
            if (parties.stream().anyMatch(p -> p.ods().equals(ods))) {
                throw odsNode.error("party " + ods + " is listed twice");
            }
            parties.add(new Party(ods, item.required("role").as(PartyRole::fromLabel),
                    item.optionalText("signatory").orElse("")));
        }

        List<PurposeTerms> purposes = new ArrayList<>();
        for (YamlNode item : root.required("purposes").items()) {
            item.onlyKeys("code", "article6", "article9", "gateway");
            Purpose purpose = item.required("code").as(Purpose::fromCode);
            String article6 = item.required("article6").text();
            String article9 = item.required("article9").text();
            LawfulGateway gateway = item.required("gateway").as(LawfulGateway::fromLabel);
            purposes.add(item.check(() -> new PurposeTerms(purpose, article6, article9, gateway)));
        }

        List<Flow> flows = new ArrayList<>();
        List<YamlNode> flowNodes = root.required("flows").items();
        for (int i = 0; i < flowNodes.size(); i++) {
            YamlNode item = flowNodes.get(i).onlyKeys("from", "to", "resourceTypes", "purposes");
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
        return root.check(() -> new Agreement(id, version, title, status, effective, review, parties, purposes, flows));
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
