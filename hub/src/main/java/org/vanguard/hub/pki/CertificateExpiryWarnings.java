package org.vanguard.hub.pki;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Warns, at start and then once a day, about every certificate still in use that expires within
 * {@code hub.pki.expiry-warning}, so a participant is told to rotate before its traffic starts being refused.
 * The same list is served by {@code GET /admin/certificates?expiring-within=}, and its size is the gauge
 * {@code hub.certificates.expiring} on the management port, for monitoring that alerts on numbers.
 */
@Component
public class CertificateExpiryWarnings {

    private static final Logger log = LoggerFactory.getLogger(CertificateExpiryWarnings.class);

    private final CertificateRegistry registry;
    private final PkiProperties pki;

    public CertificateExpiryWarnings(CertificateRegistry registry, PkiProperties pki, MeterRegistry meters) {
        this.registry = registry;
        this.pki = pki;
        Gauge.builder(
                        "hub.certificates.expiring",
                        () -> registry.expiringWithin(pki.expiryWarning()).size())
                .description("certificates in use that expire within hub.pki.expiry-warning")
                .register(meters);
    }

    /** At start, then daily, on Spring's scheduler; on one node of a cluster at a time. */
    @Scheduled(fixedRate = 1, timeUnit = TimeUnit.DAYS)
    @SchedulerLock(name = "certificate-expiry-warnings", lockAtMostFor = "PT10M")
    public void daily() {
        warn();
    }

    /** Logs one WARN per expiring certificate and returns how many there were. */
    public int warn() {
        try {
            List<CertificateRecord> expiring = registry.expiringWithin(pki.expiryWarning());
            for (CertificateRecord certificate : expiring) {
                log.warn(
                        "Certificate {} for {} expires at {}: issue a replacement (POST /admin/participants/{{ods}}/certificates)",
                        certificate.serial(),
                        certificate.subject(),
                        certificate.notAfter());
            }
            return expiring.size();
        } catch (RuntimeException e) {
            log.warn("Could not check certificates for expiry", e);
            return -1;
        }
    }
}
