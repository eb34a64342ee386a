package org.vanguard.governance.participant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The participants of one vanguard, by ODS code. Immutable: a new set of participants is a new directory,
 * so a decision never sees half an update.
 */
public final class ParticipantDirectory {

    private final Map<OdsCode, Participant> byOds;

    public ParticipantDirectory(Collection<Participant> participants) {
        Map<OdsCode, Participant> map = new TreeMap<>();
        for (Participant participant : participants) {
            if (map.putIfAbsent(participant.ods(), participant) != null) {
                throw new IllegalArgumentException("participant " + participant.ods() + " is listed twice");
            }
        }
        for (Participant participant : map.values()) {
            participant.hostedBy().ifPresent(host -> {
                if (!map.containsKey(host)) {
                    throw new IllegalArgumentException(
                            "care team " + participant.ods() + " is hosted by unknown participant " + host);
                }
            });
        }
        this.byOds = Map.copyOf(map);
    }

    public Optional<Participant> find(OdsCode ods) {
        return Optional.ofNullable(byOds.get(ods));
    }

    public boolean contains(OdsCode ods) {
        return byOds.containsKey(ods);
    }

    public List<Participant> all() {
        return byOds.values().stream()
                .sorted((a, b) -> a.ods().compareTo(b.ods()))
                .toList();
    }
}
