package org.vanguard.hub.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.vanguard.hub.agreement.FileAgreementStore;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.Role;

/**
 * The console's front door: the sign-in page, the home page (who is signed in, where their role lets them go, and
 * for an IG officer the agreements whose review is due within {@code hub.console.review-warning} or past), and the
 * page a person sees when their role does not open a page.
 */
@Controller
class ConsoleHomeController {

    private final FileAgreementStore agreements;
    private final ConsoleProperties properties;
    private final Clock clock;
    private final ObjectProvider<ClientRegistrationRepository> oidcProviders;

    ConsoleHomeController(
            FileAgreementStore agreements,
            ConsoleProperties properties,
            Clock clock,
            ObjectProvider<ClientRegistrationRepository> oidcProviders) {
        this.agreements = agreements;
        this.oidcProviders = oidcProviders;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/console/sign-in")
    String signIn(Model model) {
        List<OidcProvider> providers = new ArrayList<>();
        if (oidcProviders.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object registration : registrations) {
                ClientRegistration r = (ClientRegistration) registration;
                providers.add(new OidcProvider(
                        r.getClientName(),
                        ConsoleSecurityConfiguration.OIDC_AUTHORIZATION + "/" + r.getRegistrationId()));
            }
        }
        model.addAttribute("oidcProviders", providers);
        return "console/sign-in";
    }

    /** An OpenID provider offered on the sign-in page: its name and where the button starts the sign-in. */
    record OidcProvider(String name, String path) {}

    @GetMapping({"/", "/console", "/console/"})
    String home(AuthenticatedOfficer person, Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        if (person.holds(Role.IG_OFFICER)) {
            LocalDate today = LocalDate.now(clock);
            LocalDate horizon = today.plusDays(properties.reviewWarning().toDays());
            List<AgreementRow> due = agreements.lifecycles().stream()
                    .map(l -> AgreementRow.of(l, today, horizon))
                    .filter(row -> row.reviewPast() || row.reviewDue())
                    .sorted(Comparator.comparing(AgreementRow::reviewDate))
                    .toList();
            model.addAttribute("due", due);
            model.addAttribute("warningDays", properties.reviewWarning().toDays());
        }
        return "console/home";
    }

    /** Any method: Spring Security forwards the refused request here as it came (a POST refused for CSRF, too). */
    @RequestMapping("/console/denied")
    String denied(AuthenticatedOfficer person, Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        return "console/denied";
    }
}
