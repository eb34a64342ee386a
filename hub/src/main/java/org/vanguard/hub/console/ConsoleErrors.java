package org.vanguard.hub.console;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A console page that fails shows a page, not the API's OperationOutcome JSON: "not found" for an unknown agreement,
 * "something went wrong" (logged) for the hub's own failures. Only for the console's controllers.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    /** The page asked for names something the hub does not have. */
    static final class NotFound extends RuntimeException {

        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(NotFound.class)
    String notFound(NotFound e, HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("title", "Not found");
        model.addAttribute("message", e.getMessage());
        return "console/error";
    }

    @ExceptionHandler(org.vanguard.hub.web.NotFoundException.class)
    String notThere(org.vanguard.hub.web.NotFoundException e, HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("title", "Not found");
        model.addAttribute("message", e.getMessage());
        return "console/error";
    }

    @ExceptionHandler(org.vanguard.profiles.fhir.FhirInputException.class)
    String refused(org.vanguard.profiles.fhir.FhirInputException e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("title", "That request is not one the console understands");
        model.addAttribute(
                "message",
                e.issues().stream()
                        .map(i -> i.location() + ": " + i.text())
                        .collect(java.util.stream.Collectors.joining("; ")));
        return "console/error";
    }

    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    String tooLarge(
            org.springframework.web.multipart.MaxUploadSizeExceededException e,
            HttpServletResponse response,
            Model model) {
        response.setStatus(413);
        model.addAttribute("title", "That file is too large");
        model.addAttribute(
                "message",
                "The console takes files up to the size set in spring.servlet.multipart.max-file-size;"
                        + " nothing was imported. Split the file, or import it through the admin API.");
        return "console/error";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    String bad(IllegalArgumentException e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("title", "That request is not one the console understands");
        model.addAttribute("message", e.getMessage());
        return "console/error";
    }

    @ExceptionHandler(Exception.class)
    String failed(Exception e, HttpServletResponse response, Model model) {
        log.error("A console page failed", e);
        response.setStatus(500);
        model.addAttribute("title", "Something went wrong");
        model.addAttribute("message", "The hub could not show this page. Nothing was changed; try again.");
        return "console/error";
    }
}
