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
        for (YamlNode item : root.required("participants").items()) {
            item.onlyKeys("ods", "name", "kind", "hostedBy");
            OdsCode ods = item.required("ods").as(OdsCode::new);
            String name = item.required("name").text();
            ParticipantKind kind = item.required("kind").as(ParticipantKind::fromLabel);
            Optional<OdsCode> host = item.field("hostedBy").map(h -> h.as(OdsCode::new));
            participants.add(item.check(() -> new Participant(ods, name, kind, host)));
        }
        return root.check(() -> new ParticipantDirectory(participants));
    }
}
