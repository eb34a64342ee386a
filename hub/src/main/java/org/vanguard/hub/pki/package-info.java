/**
 * The hub's PKI: a root CA (the only trust anchor, {@code ca.pem}) and an issuing CA under it, created on
 * first start or imported, that issue the hub's TLS server certificate and one client certificate per
 * participant organisation, so that every call is mutually authenticated and the caller's ODS code is read
 * from its certificate rather than trusted from the request. Every certificate the hub issues is recorded in the
 * {@link org.vanguard.hub.pki.CertificateRegistry} (the external brokers' TLS certificates, which {@code hub-cli
 * broker-tls} issues before any node runs, are not: they are renewed by running it again); participants are onboarded from a CSR through
 * {@link org.vanguard.hub.pki.CsrOnboarding} and certificates revoked through
 * {@link org.vanguard.hub.pki.CertificateRevocations}; the
 * {@link org.vanguard.hub.pki.RevocationCheckingTrustManager} refuses revoked and expired certificates at every
 * TLS handshake (Tomcat, and Artemis through {@link org.vanguard.hub.pki.HubTrustManagerFactoryPlugin}), and
 * {@code crl.pem} lists the revoked ones for other relying parties. Kept in plain files so that curl and
 * OpenSSL can use exactly what the hub uses. IG officers issue, list and revoke certificates through the admin API.
 */
@ApplicationModule(displayName = "PKI")
@NullMarked
package org.vanguard.hub.pki;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
