package org.vanguard.hub.console;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.audit.DisclosureReport;
import org.vanguard.hub.web.AuthenticatedOfficer;

/**
 * The disclosure report for one patient ("who saw my record"), for a subject access request: every release of the
 * patient's records to an organisation, when, for what, under which agreement, and whether and how the recipient
 * received it; printable as a page and downloadable as a PDF (OpenPDF). Built by the same {@link DisclosureReport}
 * the admin API serves; each report an officer produces is itself recorded in the audit chain against the patient.
 */
@Controller
class ConsoleDisclosureController {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final DisclosureReport disclosures;
    private final ParticipantDirectory participants;
    private final AdminAudit audit;
    private final Clock clock;

    ConsoleDisclosureController(
            DisclosureReport disclosures, ParticipantDirectory participants, AdminAudit audit, Clock clock) {
        this.disclosures = disclosures;
        this.participants = participants;
        this.audit = audit;
        this.clock = clock;
    }

    /** One line of the report, in words. */
    record Line(
            String when,
            String to,
            String from,
            String records,
            String purpose,
            String agreements,
            boolean emergency,
            String status) {}

    @GetMapping("/console/disclosures")
    String report(AuthenticatedOfficer person, @RequestParam Optional<String> nhsNumber, Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("nhsNumber", nhsNumber.orElse(""));
        Optional<String> typed = nhsNumber.map(n -> n.replace(" ", "")).filter(n -> !n.isEmpty());
        if (typed.isPresent()) {
            try {
                NhsNumber patient = NhsNumber.of(typed.get());
                model.addAttribute("patient", patient.value());
                model.addAttribute("lines", lines(person, patient));
                model.addAttribute("producedAt", WHEN.format(clock.instant()));
            } catch (IllegalArgumentException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        return "console/disclosures";
    }

    @GetMapping("/console/disclosures.pdf")
    ResponseEntity<byte[]> pdf(AuthenticatedOfficer person, @RequestParam String nhsNumber) {
        NhsNumber patient = NhsNumber.of(nhsNumber.replace(" ", ""));
        byte[] pdf = pdf(patient, lines(person, patient), clock.instant());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("disclosures-" + patient.value() + ".pdf")
                                .build()
                                .toString())
                .body(pdf);
    }

    private List<Line> lines(AuthenticatedOfficer person, NhsNumber patient) {
        Map<String, String> names = participants.all().stream()
                .collect(Collectors.toMap(p -> p.ods().value(), Participant::name, (a, b) -> a));
        List<Line> lines = disclosures.of(patient.value()).stream()
                .map(d -> new Line(
                        d.releasedAt() == null ? "" : WHEN.format(d.releasedAt()),
                        named(d.recipient(), names),
                        named(d.sender(), names),
                        String.join(", ", d.resourceTypes()),
                        d.purpose(),
                        String.join(", ", d.agreements()),
                        d.emergencyOverride(),
                        d.status()))
                .toList();
        audit.change(
                () -> lines.size(),
                n -> audit.by(
                                person.subject(),
                                "disclosure.report",
                                "produced the disclosure report (" + n + " disclosures)")
                        .aboutPatient(patient.value()));
        return lines;
    }

    private static String named(String ods, Map<String, String> names) {
        String name = names.get(ods);
        return name == null ? ods : name + " (" + ods + ")";
    }

    private static byte[] pdf(NhsNumber patient, List<Line> lines, Instant at) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle("Disclosure report for NHS number " + patient.value());
        document.addCreator("Vanguard Hub");
        document.open();
        Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
        Font body = FontFactory.getFont(FontFactory.HELVETICA, 9);
        Font head = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
        document.add(new Paragraph("Disclosure report: who has been sent this patient's records", title));
        document.add(new Paragraph(
                "NHS number " + patient.value() + ". Produced " + WHEN.format(at)
                        + " from the hub's tamper-evident audit. " + lines.size() + " disclosure(s).",
                body));
        document.add(new Paragraph(" ", body));
        PdfPTable table = new PdfPTable(new float[] {11, 17, 17, 12, 7, 16, 20});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String heading : List.of("Released", "To", "From", "Records", "Purpose", "Agreement", "Status")) {
            PdfPCell cell = new PdfPCell(new Phrase(heading, head));
            cell.setHorizontalAlignment(Element.ALIGN_LEFT);
            table.addCell(cell);
        }
        for (Line line : lines) {
            for (String value : List.of(
                    line.when(),
                    line.to(),
                    line.from(),
                    line.records(),
                    line.purpose(),
                    line.agreements() + (line.emergency() ? " (emergency override)" : ""),
                    line.status())) {
                table.addCell(new Phrase(value, body));
            }
        }
        if (lines.isEmpty()) {
            PdfPCell none = new PdfPCell(new Phrase("No record of this patient has been released to anyone.", body));
            none.setColspan(7);
            table.addCell(none);
        }
        document.add(table);
        document.close();
        return out.toByteArray();
    }
}
