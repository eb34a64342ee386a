package org.vanguard.hub.signing;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;

/**
 * The hub's published signing keys ({@code /.well-known/jwks.json}, for any participant to verify deliveries)
 * and their rotation (IG officers).
 */
@RestController
class SigningKeysController {

    private static final Logger log = LoggerFactory.getLogger(SigningKeysController.class);

    private final SigningKeyRing keys;
    private final AdminAudit audit;

    public SigningKeysController(SigningKeyRing keys, AdminAudit audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping("/.well-known/jwks.json")
    public Map<String, Object> jwks(AuthenticatedParticipant caller) {
        return keys.jwks();
    }

    @RequiresRole({Role.OPERATOR, Role.IG_OFFICER})
    @PostMapping("/admin/signing-keys/rotate")
    public Map<String, Object> rotate(AuthenticatedOfficer officer) {
        String kid = audit.change(
                keys::rotate,
                made -> audit.by(
                        officer.subject(),
                        "signing-key.rotate",
                        "rotated the delivery and checkpoint signing key; new key " + made));
        log.info("{} rotated the delivery signing key; new key {}", officer.subject(), kid);
        return Map.of("signingKey", kid, "published", keys.jwks().get("keys"));
    }
}
