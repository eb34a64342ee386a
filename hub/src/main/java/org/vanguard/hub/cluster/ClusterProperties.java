package org.vanguard.hub.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node takes part in a cluster of hubs sharing one database and broker.
 *
 * @param nodeId this node's name in leases and announcements; by default host name and process id
 * @param refreshInterval how often a node reloads every announced topic whether it heard of a change or not: the
 *     bound on how stale a node can be when its listening connection is down
 * @param lockAtMostFor how long a singleton job's lease outlives a node that died holding it
 */
@ConfigurationProperties("hub.cluster")
public record ClusterProperties(
        String nodeId,
        @DefaultValue("PT30S") Duration refreshInterval,
        @DefaultValue("PT30S") Duration lockAtMostFor) {

    public String node() {
        if (nodeId != null && !nodeId.isBlank()) {
            return nodeId;
        }
        return java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getName()
                .replace('@', '-');
    }
}
