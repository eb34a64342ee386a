/**
 * The hub's command line: tools an operator, an IG officer or a participant's administrator runs against a hub
 * from outside it, over the same mutual TLS as everyone else. {@link org.vanguard.hub.cli.HubCli} takes one
 * subcommand per task ({@code csr}, {@code broker-tls}); {@link org.vanguard.hub.cli.AuditVerify} re-walks the audit chain.
 */
@ApplicationModule(displayName = "Command line")
@NullMarked
package org.vanguard.hub.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
