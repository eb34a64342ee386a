package org.vanguard.routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.jms.Message;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;
import org.vanguard.routes.RouteTest;
import org.vanguard.routes.RouteTestApplication;
import org.vanguard.routes.dispatch.DeliveryRecheck;
import org.vanguard.routes.dispatch.DeliverySigner;
import org.vanguard.routes.intake.DemoMessage;

/**
 * The push route on the real broker, pushing over HTTP to a participant's endpoint that answers as each test
 * scripts it: the route holds a delivery through every retry (so nothing overtakes it), never retries a refusal,
 * and gives up on what is refused or out of time through the dead-letter channel, which keeps the delivery and tells
 * its sender. The stores are the routes' ports, kept in memory here; the hub's JDBC adapters are tested in the hub.
 */
@CamelSpringBootTest
@SpringBootTest(classes = {RouteTestApplication.class, PushRoute.class, PushRouteTests.Collaborators.class})
class PushRouteTests extends RouteTest {

    private static final Endpoint ENDPOINT = new Endpoint();

    @Autowired
    private EmbeddedActiveMQ broker;

    @Autowired
    private Ledger ledger;

    @Autowired
    private Graveyard deadLetters;

    @Autowired
    private PushRoutes pushRoutes;

    @BeforeAll
    static void startEndpoint() throws IOException {
        ENDPOINT.start();
    }

    @AfterAll
    static void stopEndpoint() {
        ENDPOINT.stop();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Collaborators {

        @Bean
        Ledger ledger() {
            return new Ledger();
        }

        @Bean
        Graveyard deadLetters() {
            return new Graveyard();
        }

        @Bean
        DeliverySigner signer() {
            return payload -> "detached-jws-over-" + payload.length + "-bytes";
        }

        /** Deliveries that carry no decided questions, so the re-decision before each push permits them. */
        @Bean
        PushDelivery pushDelivery(Ledger ledger, Clock clock) {
            DecisionEngine engine = new DecisionEngine(
                    AgreementCatalogue::empty, new ParticipantDirectory(List.of()), List.of(), clock);
            DeliveryRecheck recheck = new DeliveryRecheck(engine, entries -> {}, clock);
            PushClient client = new PushClient(HttpClient.newHttpClient(), Duration.ofSeconds(5));
            return new PushDelivery(participant -> Optional.of(ENDPOINT.base(participant)), client, recheck, ledger);
        }

        @Bean
        DeadLettering deadLettering(
                Graveyard deadLetters,
                Ledger ledger,
                DeliverySigner signer,
                ProducerTemplate producer,
                RouteProperties routes,
                TimeToLive timeToLive,
                Clock clock) {
            return new DeadLettering(
                    deadLetters,
                    ledger,
                    new NonDeliveryNotices(signer),
                    new MailboxDrop(producer, routes),
                    timeToLive,
                    clock);
        }

        @Bean
        PushRoutes pushRoutes(CamelContext camel) {
            return new PushRoutes(camel);
        }
    }

    @Test
    @DisplayName("a delivery in the mailbox is pushed once, with the hub's signature, and recorded as the recipient's")
    void pushed() throws Exception {
        OdsCode recipient = participant();
        NotifyBuilder done = startPushing(recipient, 1);

        String deliveryId =
                queue(recipient, participant(), "{\"resourceType\":\"Bundle\",\"id\":\"one\"}", Instant.now());

        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ENDPOINT.received(recipient)).containsExactly("{\"resourceType\":\"Bundle\",\"id\":\"one\"}");
        assertThat(ENDPOINT.signatures(recipient)).containsExactly("detached-jws-over-36-bytes");
        assertThat(ledger.delivered(deliveryId)).isTrue();
        assertThat(ledger.kinds(deliveryId)).containsExactly("pushed");
    }

    @Test
    @DisplayName("an endpoint that is down is tried again with the delivery held, so the next one never overtakes it")
    void retriedInPlaceInOrder() throws Exception {
        OdsCode recipient = participant();
        ENDPOINT.answer(recipient, 503, 503);
        NotifyBuilder done = startPushing(recipient, 2);

        String first = queue(recipient, participant(), "{\"n\":1}", Instant.now());
        String second = queue(recipient, participant(), "{\"n\":2}", Instant.now());

        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ENDPOINT.received(recipient)).containsExactly("{\"n\":1}", "{\"n\":1}", "{\"n\":1}", "{\"n\":2}");
        assertThat(ledger.kinds(first)).containsExactly("pushed");
        assertThat(ledger.kinds(second)).containsExactly("pushed");
        assertThat(deadLetters.of(recipient)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a refusal (400) is not tried again, 400, 0, REFUSED",
        "an endpoint still down (503) once the time to live has run out is not tried again, 503, 6, EXPIRED"
    })
    @DisplayName(
            "what cannot be delivered is dead-lettered after one attempt and its sender finds a non-delivery notice")
    void deadLettered(String why, int status, int daysSinceAccepted, DeadLetter.Cause cause) throws Exception {
        OdsCode recipient = participant();
        OdsCode sender = participant();
        ENDPOINT.answer(recipient, status);
        NotifyBuilder done = startPushing(recipient, 1);

        String deliveryId =
                queue(recipient, sender, DemoMessage.json(), Instant.now().minus(Duration.ofDays(daysSinceAccepted)));

        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Message notice = jms.receive("hub.mailbox." + sender.value());
        assertThat(notice.getStringProperty(HubHeaders.EVENT)).isEqualTo(NonDeliveryNotices.EVENT);
        assertThat(notice.getStringProperty(HubHeaders.SENDER)).isEqualTo(HubHeaders.HUB_SENDER);
        assertThat(ENDPOINT.received(recipient)).hasSize(1);
        assertThat(deadLetters.of(recipient)).singleElement().satisfies(dead -> {
            assertThat(dead.cause()).isEqualTo(cause);
            assertThat(dead.delivery().deliveryId()).isEqualTo(deliveryId);
        });
        assertThat(ledger.kinds(deliveryId)).containsExactly("dead-lettered", "non-delivery-notice");
        // The dead-letter channel committed the mailbox's transaction: the delivery is not waiting to be pushed again.
        assertThat(broker.getActiveMQServer()
                        .locateQueue("hub.mailbox." + recipient.value())
                        .getMessageCount())
                .isZero();
    }

    private String queue(OdsCode recipient, OdsCode sender, String bundle, Instant acceptedAt) {
        String deliveryId = UUID.randomUUID().toString();
        Map<String, Object> headers = new HashMap<>();
        headers.put(HubHeaders.DELIVERY_ID, deliveryId);
        headers.put(HubHeaders.MESSAGE_ID, UUID.randomUUID().toString());
        headers.put(HubHeaders.RECIPIENT, recipient.value());
        headers.put(HubHeaders.SENDER, sender.value());
        headers.put(HubHeaders.EVENT, "careplan-update");
        headers.put(HubHeaders.ACCEPTED_AT, acceptedAt.toString());
        headers.put(
                HubHeaders.SIGNATURE, "detached-jws-over-" + bundle.getBytes(StandardCharsets.UTF_8).length + "-bytes");
        headers.put(HubHeaders.GROUP, "9990000018");
        producer.sendBodyAndHeaders("jms:queue:hub.mailbox." + recipient.value(), bundle, headers);
        return deliveryId;
    }

    /** A participant of this test alone: its own mailbox, push route and endpoint script. */
    private static OdsCode participant() {
        return OdsCode.of(code("P"));
    }

    /** Starts the participant's push route as the hub does when an endpoint is registered; done after so many deliveries. */
    private NotifyBuilder startPushing(OdsCode participant, int deliveries) {
        pushRoutes.start(participant);
        return new NotifyBuilder(camel)
                .fromRoute(PushRoutes.routeId(participant))
                .whenDone(deliveries)
                .create();
    }

    /** The routes' delivery ledger, in memory: who has what, and each delivery's history of events. */
    static final class Ledger implements DeliveryLedger {

        private final Set<String> delivered = ConcurrentHashMap.newKeySet();
        private final Map<String, List<String>> history = new ConcurrentHashMap<>();

        @Override
        public boolean delivered(String deliveryId) {
            return delivered.contains(deliveryId);
        }

        @Override
        public boolean record(WaitingDelivery delivery, String how) {
            return delivered.add(delivery.deliveryId());
        }

        @Override
        public void note(String deliveryId, String hubMessageId, OdsCode recipient, String kind, String detail) {
            history.computeIfAbsent(deliveryId, id -> new CopyOnWriteArrayList<>())
                    .add(kind);
        }

        List<String> kinds(String deliveryId) {
            return history.getOrDefault(deliveryId, List.of());
        }
    }

    /** The dead-letter store, in memory. */
    static final class Graveyard implements DeadLetters {

        private final Queue<DeadLetter> all = new ConcurrentLinkedQueue<>();

        @Override
        public void record(DeadLetter deadLetter) {
            all.add(deadLetter);
        }

        List<DeadLetter> of(OdsCode recipient) {
            return all.stream()
                    .filter(dead -> dead.delivery().recipient().equals(recipient))
                    .toList();
        }
    }

    /**
     * A participant's FHIR endpoint over plain HTTP: answers each participant's pushes with the statuses a test
     * scripted (then 200) and keeps what it received, in order.
     */
    private static final class Endpoint {

        private final Map<String, Queue<Integer>> script = new ConcurrentHashMap<>();
        private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();
        private final Map<String, List<String>> signatures = new ConcurrentHashMap<>();
        private HttpServer server;

        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/fhir/", exchange -> {
                String participant = exchange.getRequestURI().getPath().split("/")[2];
                bodies.computeIfAbsent(participant, p -> new CopyOnWriteArrayList<>())
                        .add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                signatures
                        .computeIfAbsent(participant, p -> new CopyOnWriteArrayList<>())
                        .add(exchange.getRequestHeaders().getFirst(PushClient.SIGNATURE_HEADER));
                Integer scripted = script.getOrDefault(participant, new ConcurrentLinkedQueue<>())
                        .poll();
                exchange.sendResponseHeaders(scripted == null ? 200 : scripted, -1);
                exchange.close();
            });
            server.start();
        }

        void stop() {
            server.stop(0);
        }

        /** The participant's FHIR base URL: one server, a path per participant. */
        URI base(OdsCode participant) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/" + participant.value());
        }

        void answer(OdsCode participant, Integer... statuses) {
            script.put(participant.value(), new ConcurrentLinkedQueue<>(List.of(statuses)));
        }

        List<String> received(OdsCode participant) {
            return new ArrayList<>(bodies.getOrDefault(participant.value(), List.of()));
        }

        List<String> signatures(OdsCode participant) {
            return new ArrayList<>(signatures.getOrDefault(participant.value(), List.of()));
        }
    }
}
