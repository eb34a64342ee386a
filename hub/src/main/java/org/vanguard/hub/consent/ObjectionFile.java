package org.vanguard.hub.consent;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.web.ExceptionText;

/**
 * An objection file as the national services hand it over: one NHS number a line, as text (the National Data
 * Opt-out list from the check service, or a Type 1 objection extract); blank lines and lines starting with
 * {@code #} are skipped. Every line is read and judged before anything is imported, so a file with a bad line can be
 * refused whole with the reason for each line, and nothing is half-imported.
 */
public final class ObjectionFile {

    /** A line that is not an NHS number, and why (line numbers start at 1). */
    public record RefusedLine(int line, String text, String reason) {}

    /** What the file holds: its patients (each once, in file order) and the lines refused. */
    public record Read(List<NhsNumber> patients, List<RefusedLine> refused, int lines) {

        public boolean clean() {
            return refused.isEmpty();
        }
    }

    private static final int SHOWN = 40;

    private ObjectionFile() {}

    public static Read read(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Read(
                    List.of(),
                    List.of(new RefusedLine(
                            0, "", "the file is not UTF-8 text; the list is one NHS" + " number a line, as text")),
                    0);
        }
        String[] lines = text.split("\\R");
        Set<NhsNumber> patients = new LinkedHashSet<>();
        List<RefusedLine> refused = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            // strip(), not trim(): trim() would take a NUL or another control character for blank, and a file of them
            // for an empty list that clears every opt-out.
            String line = lines[i].strip();
            String shown = line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line;
            if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                refused.add(new RefusedLine(
                        i + 1,
                        shown.replaceAll("\\p{Cntrl}", "?"),
                        "the line holds a control character; the list is one NHS number a line, as text"));
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                patients.add(NhsNumber.of(line.replace(" ", "")));
            } catch (IllegalArgumentException e) {
                refused.add(new RefusedLine(i + 1, shown, ExceptionText.of(e)));
            }
        }
        return new Read(List.copyOf(patients), List.copyOf(refused), lines.length);
    }
}
