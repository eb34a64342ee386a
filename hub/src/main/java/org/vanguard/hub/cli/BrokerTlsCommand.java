package org.vanguard.hub.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.vanguard.hub.pki.HubCertificateAuthority;
import org.vanguard.hub.pki.IssuedCredential;

/**
 * {@code broker-tls}: the TLS key and trust stores of an external Artemis broker's participants' acceptor (AMQP, a
 * client certificate required), issued by the hub's own CA before any hub node has started: the brokers of a cluster
 * start first. It loads the CA from the hub's PKI directory, or makes it there when there is none yet, exactly as the
 * first node would (that node then adopts it), and writes
 * <ul>
 *   <li>{@code broker.p12}: a server certificate for the names given (key and chain), kept if it is already there;</li>
 *   <li>{@code broker-trust.p12}: the root and the issuing CA, the anchors a participant's certificate chains to (a
 *       client may present only its leaf, so the issuing CA is an anchor too).</li>
 * </ul>
 * The broker's certificate is not in the hub's certificate registry, which lists what participants and officers present
 * to the hub; the command has no database. Revoking participants needs no CRL on the broker: its security manager asks
 * the registry on every connection.
 */
final class BrokerTlsCommand implements CliCommand {

    static final String KEY_STORE = "broker.p12";
    static final String TRUST_STORE = "broker-trust.p12";

    @Override
    public String name() {
        return "broker-tls";
    }

    @Override
    public String usage() {
        return "--pki DIR --out DIR [--password demo] [--store-password PASSWORD] [--dns localhost,...]"
                + " [--ip 127.0.0.1,...]";
    }

    @Override
    public String summary() {
        return "issue an external broker's TLS key store and trust store from the hub's CA (made if new)";
    }

    @Override
    public int run(CliOptions options, PrintStream out, PrintStream err) throws Exception {
        Path pki = options.path("pki");
        Path target = options.path("out");
        char[] caPassword = options.optional("password", "demo").toCharArray();
        char[] storePassword =
                options.optional("store-password", String.valueOf(caPassword)).toCharArray();
        List<String> dnsNames = list(options.optional("dns", "localhost"));
        List<String> ipAddresses = list(options.optional("ip", "127.0.0.1"));

        Files.createDirectories(pki);
        Files.createDirectories(target);
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, caPassword, Clock.systemUTC());
        Path keyStore = target.resolve(KEY_STORE);
        if (Files.exists(keyStore)) {
            out.println("kept " + keyStore + " (remove it to issue a new one)");
        } else {
            IssuedCredential credential = ca.issuer().issueServerCredential(dnsNames, ipAddresses);
            credential.writePkcs12(keyStore, "broker", storePassword);
            X509Certificate issued = credential.certificate();
            out.println("issued " + issued.getSubjectX500Principal().getName() + " serial "
                    + issued.getSerialNumber().toString(16) + " valid until "
                    + issued.getNotAfter().toInstant()
                    + " for " + dnsNames + " " + ipAddresses);
            out.println("wrote " + keyStore);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("hub-root", ca.certificate());
        trust.setCertificateEntry("hub-issuing", ca.issuingCertificate());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trust.store(bytes, storePassword);
        Path trustStore = target.resolve(TRUST_STORE);
        Path temporary = Files.createTempFile(target, "." + TRUST_STORE, ".tmp");
        Files.write(temporary, bytes.toByteArray());
        Files.move(temporary, trustStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println("wrote " + trustStore + " (the hub's root and issuing CA)");
        return 0;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }
}
