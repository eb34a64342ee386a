package org.vanguard.governance.agreement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest of an agreement file's text, ignoring comments, blank lines and trailing spaces. Parties
 * approve a text, not a number: if a file's terms change without a new version, the digest changes, earlier
 * approvals stop counting and the hub says so (ICO data sharing code: review and record changes).
 */
public final class AgreementFingerprint {

    private AgreementFingerprint() {}

    public static String of(String yaml) {
        StringBuilder significant = new StringBuilder();
        for (String line : yaml.split("\\R")) {
            String trimmed = line.stripTrailing();
            if (trimmed.isBlank() || trimmed.stripLeading().startsWith("#")) {
                continue;
            }
            significant.append(trimmed).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(significant.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
