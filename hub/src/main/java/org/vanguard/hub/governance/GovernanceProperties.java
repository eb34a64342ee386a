package org.vanguard.hub.governance;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the vanguard's governance files are. Defaults point at the demo vanguard on the classpath; a real
 * vanguard points them at its reviewed repository of agreements.
 *
 * @param participants location of the participants file (Spring resource location)
 * @param agreements location pattern of the agreement files, one agreement per file
 * @param caseloads location of a caseload file loaded at start (MDT caseloads); empty for none
 * @param drafts a directory where IG officers' new agreements (drafted or uploaded on the console) are written and
 *     loaded from beside {@code agreements}; empty for none (agreements then come only from the reviewed files)
 * @param reviseOnStart whether the hub reads its agreement files at start as a reload (a file changed since is a new
 *     revision): true for one hub on its own; false for the nodes of a cluster, which start with the agreements the
 *     database holds, so that a node with older files cannot turn them back (an officer's reload, on any node, changes
 *     them for every node)
 */
@Validated
@ConfigurationProperties("hub.governance")
public record GovernanceProperties(
        @NotBlank String participants,
        @NotBlank String agreements,
        String caseloads,
        String drafts,
        @DefaultValue("true") boolean reviseOnStart) {

    /** Where agreements are read from: the configured files, then the drafts directory's. */
    public java.util.List<String> agreementLocations() {
        return drafts == null || drafts.isBlank()
                ? java.util.List.of(agreements)
                : java.util.List.of(agreements, "file:" + drafts + "/*.yaml");
    }
}
