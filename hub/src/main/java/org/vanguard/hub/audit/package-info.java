/**
 * The audit trail on the hub's database: governance's {@code AuditLog} port written with JDBC in a hash chain, signed
 * checkpoints (through the {@link org.vanguard.hub.audit.CheckpointSigner} port) anchored outside the database, the
 * admin changes every feature records ({@link org.vanguard.hub.audit.AdminAudit}), and the admin API IG officers use to
 * search, verify and export the chain and to report a patient's disclosures.
 */
@ApplicationModule(displayName = "Audit")
@NullMarked
package org.vanguard.hub.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
