package org.vanguard.governance.participant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vanguard.governance.yaml.YamlNode;

/**
 * Reads the participants of a vanguard from their YAML file ({@code participants:} a list of
 * {@code ods}, {@code name}, {@code kind} and, for care teams, {@code hostedBy}).
 */
public final class ParticipantFileReader {

    public ParticipantDirectory read(String file, String text) {
        YamlNode root = YamlNode.parse(file, text).onlyKeys("participants");
        List<Participant> participants = new ArrayList<>();
        List<YamlNode> items = root.required("participants").items();
        java.util.Set<OdsCode> known = new java.util.HashSet<>();
        for (YamlNode item : items) {
            item.field("ods").ifPresent(n -> {
                OdsCode code = n.as(OdsCode::new);
                if (!known.add(code)) {
                    throw n.error("participant " + code + " is listed twice");
                }
            });
        }
        for (YamlNode item : items) {
            item.onlyKeys("ods", "name", "kind", "hostedBy");
            OdsCode ods = item.required("ods").as(OdsCode::new);
            String name = item.required("name").text();
            ParticipantKind kind = item.required("kind").as(ParticipantKind::fromLabel);
            Optional<OdsCode> host = item.field("hostedBy").map(h -> {
                OdsCode code = h.as(OdsCode::new);
                if (!known.contains(code)) {
                    throw h.error("care team " + ods + " is hosted by unknown participant " + code);
                }
                return code;
            });
            participants.add(item.check(() -> new Participant(ods, name, kind, host)));
        }
        return root.check(() -> new ParticipantDirectory(participants));
    }
}
