package org.vanguard.hub.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * Who a client certificate speaks for. The hub takes the sender of every message from the X.520
 * organizationIdentifier attribute (OID 2.5.4.97, as used by ETSI EN 319 412-1 for legal persons) in the
 * certificate subject, never from the request body, so a participant cannot claim to be another one.
 */
public final class CertificateIdentity {

    private CertificateIdentity() {}

    /**
     * Empty when the attribute is missing, blank or present more than once: an ambiguous subject must not be
     * resolved by picking one value, because that would let a certificate speak for two organisations.
     */
    public static Optional<String> odsCodeOf(X509Certificate certificate) {
        RDN[] rdns;
        try {
            rdns = new JcaX509CertificateHolder(certificate).getSubject().getRDNs(BCStyle.ORGANIZATION_IDENTIFIER);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Unreadable certificate", e);
        }
        List<String> values = Arrays.stream(rdns)
                .flatMap(rdn -> Arrays.stream(rdn.getTypesAndValues()))
                .filter(typeAndValue -> BCStyle.ORGANIZATION_IDENTIFIER.equals(typeAndValue.getType()))
                .map(AttributeTypeAndValue::getValue)
                .map(IETFUtils::valueToString)
                .map(String::strip)
                .toList();
        if (values.size() != 1 || values.get(0).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }

    /**
     * Whether the certificate belongs to an IG officer: marked with the officer unit and speaking for no
     * organisation. Chain validation to the hub's CA has already happened in the TLS handshake.
     */
    public static boolean isIgOfficer(X509Certificate certificate) {
        if (odsCodeOf(certificate).isPresent()) {
            return false;
        }
        try {
            RDN[] units = new JcaX509CertificateHolder(certificate).getSubject().getRDNs(BCStyle.OU);
            return units.length == 1
                    && HubCertificateAuthority.OFFICER_UNIT.equals(
                            IETFUtils.valueToString(units[0].getFirst().getValue()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Unreadable certificate", e);
        }
    }
}
