package org.vanguard.routes.record;

import java.util.Objects;
import org.vanguard.governance.participant.OdsCode;

/**
 * Which record a resource is a version of: the same logical id means the same record only within one
 * source and resource type, since two organisations' systems choose their ids independently.
 */
public record RecordKey(OdsCode source, String resourceType, String logicalId) {

    public RecordKey {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(logicalId, "logicalId");
    }

    public String describe() {
        return resourceType + "/" + logicalId + " from " + source;
    }
}
