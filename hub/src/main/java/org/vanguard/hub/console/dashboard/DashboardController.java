package org.vanguard.hub.console.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.vanguard.hub.console.ConsolePerson;
import org.vanguard.hub.console.ConsoleProperties;
import org.vanguard.hub.monitoring.AccessMonitor;
import org.vanguard.hub.web.AuthenticatedOfficer;

/**
 * The flows dashboard ({@code /console/dashboard}) for IG officers and operators: the figures as tables (readable
 * without script, and by a screen reader) and as charts drawn by {@code dashboard.js} from
 * {@code /console/dashboard/data} (no inline script: the console's CSP forbids it).
 */
@Controller
class DashboardController {

    /** The windows a person may choose. */
    static final Map<String, Duration> WINDOWS = new LinkedHashMap<>();

    static {
        WINDOWS.put("24h", Duration.ofHours(24));
        WINDOWS.put("7d", Duration.ofDays(7));
        WINDOWS.put("30d", Duration.ofDays(30));
    }

    private final FlowFigures figures;
    private final ConsoleProperties properties;
    private final AccessMonitor monitor;

    DashboardController(FlowFigures figures, ConsoleProperties properties, AccessMonitor monitor) {
        this.figures = figures;
        this.properties = properties;
        this.monitor = monitor;
    }

    @GetMapping("/console/dashboard")
    String dashboard(
            @RequestParam(name = "window", defaultValue = "24h") String window,
            AuthenticatedOfficer person,
            Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("window", window);
        model.addAttribute("windows", WINDOWS.keySet());
        model.addAttribute("f", figures.over(window(window), warningDays()));
        model.addAttribute("series", FlowFigures.SERIES);
        model.addAttribute("alerts", monitor.recent(20));
        return "console/dashboard";
    }

    @GetMapping(path = "/console/dashboard/data", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    FlowFigures.Figures data(@RequestParam(name = "window", defaultValue = "24h") String window) {
        return figures.over(window(window), warningDays());
    }

    private int warningDays() {
        return (int) properties.reviewWarning().toDays();
    }

    private static Duration window(String window) {
        Duration duration = WINDOWS.get(window);
        if (duration == null) {
            throw new IllegalArgumentException(
                    "'window' must be one of " + String.join(", ", WINDOWS.keySet()) + "; got '" + window + "'");
        }
        return duration;
    }
}
