/**
 * Who may call what, decided in one place by Spring Security, deny by default. On the providers' mutual-TLS port a
 * participant system is its verified client certificate (X.509, its ODS code in the X.520 organizationIdentifier)
 * and a person is an IG officer's certificate or a local account signed in with HTTP Basic; nothing there keeps a
 * session. The admin API's {@code @RequiresRole} rules are enforced here, before a handler runs, and every refusal
 * still leaves as a FHIR OperationOutcome. The console's own chain, for people in a browser, lives in
 * {@code org.vanguard.hub.console}.
 */
@ApplicationModule(displayName = "Security")
@NullMarked
package org.vanguard.hub.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
