package org.vanguard.hub.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * {@code csr}: onboards (or rotates) a participant. Generates an EC P-256 key where the command runs, sends only
 * a CSR for it to {@code POST /admin/participants/{ods}/certificates} with an IG officer's certificate, and
 * writes the issued chain with the key to a PKCS#12 file for the participant. The private key never leaves
 * this machine; the hub binds the certificate to the ODS code in the path, whatever the CSR's subject says.
 */
final class CsrCommand implements CliCommand {

    private static final String ALIAS = "participant";

    @Override
    public String name() {
        return "csr";
    }

    @Override
    public String usage() {
        return "--ods CODE --officer-keystore FILE.p12 [--officer-password demo] --ca ca.pem"
                + " [--hub https://localhost:8443] [--out CODE.p12] [--password demo]";
    }

    @Override
    public String summary() {
        return "generate a key and CSR for a participant, have the hub issue its certificate, write CODE.p12";
    }

    @Override
    public int run(CliOptions options, java.io.PrintStream out, java.io.PrintStream err) throws Exception {
        String ods = options.required("ods");
        Path officerKeystore = options.path("officer-keystore");
        char[] officerPassword = options.optional("officer-password", "demo").toCharArray();
        Path caPem = options.path("ca");
        String hub = options.optional("hub", "https://localhost:8443");
        Path target = Path.of(options.optional("out", ods + ".p12"));
        char[] password = options.optional("password", "demo").toCharArray();
        if (Files.exists(target)) {
            err.println(target + " exists; choose another --out so no key is overwritten");
            return 1;
        }

        KeyPair keyPair = newKeyPair();
        String csr = csrPem(ods, keyPair);
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub + "/admin/participants/" + ods + "/certificates"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/pkcs10")
                .POST(HttpRequest.BodyPublishers.ofString(csr, StandardCharsets.US_ASCII))
                .build();
        HttpResponse<String> response = MutualTls.client(officerKeystore, officerPassword, caPem)
                .send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            err.println("the hub refused the CSR (" + response.statusCode() + "): " + response.body());
            return 1;
        }
        List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.US_ASCII))));
        X509Certificate issued = (X509Certificate) chain.get(0);
        if (!issued.getPublicKey().equals(keyPair.getPublic())) {
            err.println("the hub returned a certificate for a different key; nothing written");
            return 1;
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), password, chain.toArray(Certificate[]::new));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        keyStore.store(bytes, password);
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        Files.write(temporary, bytes.toByteArray());
        Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        out.println("issued " + issued.getSubjectX500Principal().getName() + " serial "
                + issued.getSerialNumber().toString(16) + " valid until "
                + issued.getNotAfter().toInstant());
        out.println("wrote " + target);
        return 0;
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The subject is informative only: the hub names the certificate from the ODS code in the request path. */
    private static String csrPem(String ods, KeyPair keyPair) throws Exception {
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                        new X500NameBuilder(BCStyle.INSTANCE)
                                .addRDN(BCStyle.CN, ods)
                                .build(),
                        keyPair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(new BouncyCastleProvider())
                        .build(keyPair.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(csr);
        }
        return pem.toString();
    }
}
