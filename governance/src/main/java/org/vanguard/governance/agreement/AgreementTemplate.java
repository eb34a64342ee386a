package org.vanguard.governance.agreement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A starting agreement for one New Care Models care model (enhanced health in care homes, multispecialty
 * community provider, primary and acute care system), written as an agreement file whose parties are
 * placeholders such as {@code CARE-HOME-ODS}. A placeholder is not an ODS code, so the agreement reader refuses
 * the file until a vanguard has tailored it: nobody shares data under terms nobody chose.
 *
 * @param name the file name without {@code .yaml}, e.g. {@code enhanced-health-in-care-homes}
 * @param text the template as written, comments included, for the vanguard to copy and tailor
 */
public record AgreementTemplate(String name, String text) {

    /** The templates the hub ships, one per care model of the NHS Five Year Forward View vanguards. */
    public static final List<String> SHIPPED = List.of(
            "enhanced-health-in-care-homes", "multispecialty-community-provider", "primary-and-acute-care-system");

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\b[A-Z]+(?:-[A-Z]+)*-ODS\\b");

    public AgreementTemplate {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a template name is lower-case words joined by hyphens, not '" + name + "'");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("template " + name + " is empty");
        }
    }

    /** The party placeholders still to replace with participants' ODS codes, in the order they first appear. */
    public Set<String> placeholders() {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
