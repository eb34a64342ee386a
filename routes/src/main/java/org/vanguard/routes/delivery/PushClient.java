package org.vanguard.routes.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs one delivery to a participant's {@code $process-message} (FHIR R4 messaging) with the JDK's HTTP
 * client, which presents the hub's client certificate (mutual TLS) and trusts only the configured CAs.
 * The hub's detached JWS over the bundle travels in {@code X-Hub-Signature}, as it does from the mailbox.
 */
public final class PushClient {

    /** The same header the mailbox uses, so a recipient verifies pushed and collected deliveries alike. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature";

    private final HttpClient http;
    private final Duration requestTimeout;

    public PushClient(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    /** The {@code $process-message} URL under a registered FHIR base URL. */
    public static URI processMessage(URI base) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + "$process-message");
    }

    /**
     * Returns when the recipient has the delivery.
     *
     * @throws TransientDeliveryFailure when the endpoint cannot be reached or asks to be tried later
     * @throws FatalDeliveryFailure when it refuses the delivery
     */
    public void push(URI base, WaitingDelivery delivery) {
        URI target = processMessage(base);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.bundle(), StandardCharsets.UTF_8));
        if (delivery.signature() != null) {
            request.header(SIGNATURE_HEADER, delivery.signature());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransientDeliveryFailure("could not reach " + target + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDeliveryFailure("interrupted while pushing to " + target);
        }
        PushAnswers.judge(response.statusCode(), response.body(), target.toString());
    }
}
