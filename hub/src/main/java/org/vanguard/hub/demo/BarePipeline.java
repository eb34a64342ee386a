package org.vanguard.hub.demo;

import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.routes.bench.BarePipelineRoute;

/**
 * {@code POST /bench/$process-message}: parse the body as the intake does (same limits, same HAPI parser), put
 * it on a durable queue the same way, and answer. The load harness drives this and the real intake in one run,
 * so the cost of enforcement shows as a ratio.
 */
@RestController
@Profile("demo")
@ConditionalOnProperty(name = "hub.bench.bare-pipeline", havingValue = "true")
public class BarePipeline {

    private final ProducerTemplate producer;
    private final FhirParsing parsing;

    public BarePipeline(ProducerTemplate producer, FhirParsing parsing) {
        this.producer = producer;
        this.parsing = parsing;
    }

    @PostMapping("/bench/$process-message")
    public ResponseEntity<Void> accept(
            AuthenticatedParticipant caller,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        String json = FhirParsing.acceptedJson(body, contentType, parsing.parse(body, contentType));
        String id = UUID.randomUUID().toString();
        producer.sendBodyAndHeaders(
                BarePipelineRoute.ACCEPT, json, Map.of("hubSender", caller.ods().value(), "hubMessageId", id));
        return ResponseEntity.accepted().header("X-Hub-Message-Id", id).build();
    }
}
