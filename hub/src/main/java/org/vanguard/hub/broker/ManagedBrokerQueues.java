package org.vanguard.hub.broker;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An external broker's queues, asked through its management address ({@code activemq.management}, the hub's broker
 * user needs the {@code manage} permission there) over the node's own JMS connection factory, so the answer comes from
 * whichever broker of the live/backup pair is live. Answers are kept for {@code cacheFor}: the intake's admission
 * reads the intake queue's depth for every message, and a management round trip each time would cost more than the
 * message. A broker that does not answer reads as no queue (the admission then admits, and the broker's own limits
 * hold).
 */
public final class ManagedBrokerQueues implements BrokerQueues {

    private static final Logger log = LoggerFactory.getLogger(ManagedBrokerQueues.class);
    private static final String MANAGEMENT = "activemq.management";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    private record Cached<T>(Instant at, Optional<T> state) {}

    private final ConnectionFactory connections;
    private final Duration cacheFor;
    private final Clock clock;
    private final Map<String, Cached<QueueState>> cache = new ConcurrentHashMap<>();
    private final Map<String, Cached<Long>> addresses = new ConcurrentHashMap<>();

    public ManagedBrokerQueues(ConnectionFactory connections, Duration cacheFor, Clock clock) {
        this.connections = connections;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public Optional<QueueState> queue(String name) {
        return cached(cache, name, this::ask);
    }

    @Override
    public Optional<Long> waitingOnAddress(String address) {
        return cached(addresses, address, this::askAddress);
    }

    private <T> Optional<T> cached(
            Map<String, Cached<T>> answers, String name, java.util.function.Function<String, Optional<T>> asking) {
        Instant now = clock.instant();
        Cached<T> cached = answers.get(name);
        if (cached != null && cached.at().plus(cacheFor).isAfter(now)) {
            return cached.state();
        }
        Optional<T> state = asking.apply(name);
        answers.put(name, new Cached<>(now, state));
        return state;
    }

    @Override
    public List<QueueDepths.Depth> all(String prefix) {
        List<QueueDepths.Depth> depths = new ArrayList<>();
        try (JMSContext context = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Object names = request(context, ResourceNames.BROKER, "getQueueNames", true);
            if (names instanceof Object[] array) {
                for (Object name : array) {
                    if (String.valueOf(name).startsWith(prefix)) {
                        state(context, String.valueOf(name)).ifPresent(state -> depths.add(state.depth()));
                    }
                }
            }
        } catch (JMSRuntimeException | JMSException e) {
            log.warn("The broker's management address did not answer for the queues: {}", e.toString());
        }
        depths.sort(Comparator.comparing(QueueDepths.Depth::queue));
        return depths;
    }

    @Override
    public int remove(String queue, String filter) {
        try (JMSContext context = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Object removed = request(context, ResourceNames.QUEUE + queue, "removeMessages", true, filter);
            if (removed == null) {
                // Refused, or no answer within ANSWER_WITHIN: the removal may or may not have happened, so the caller
                // fails and the client asks again (a delivery already removed then answers 404).
                throw new IllegalStateException(
                        "the broker did not answer, or refused, the removal of " + filter + " from " + queue);
            }
            return (int) number(removed);
        } catch (JMSRuntimeException | JMSException e) {
            throw new IllegalStateException("the broker's management address did not answer: " + e, e);
        }
    }

    /**
     * Creates each queue the broker does not have yet (management {@code createQueue}, if not there). Participants on
     * AMQP may not create queues, so their mailbox and reply queues must exist before they attach.
     *
     * @throws IllegalStateException when the broker refuses or does not answer
     */
    public void createQueues(List<QueueConfiguration> queues) {
        try (JMSContext context = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            for (QueueConfiguration queue : queues) {
                if (request(context, ResourceNames.BROKER, "createQueue", true, queue.toJSON(), true) == null) {
                    throw new IllegalStateException(
                            "the broker refused, or did not answer, creating queue " + queue.getName());
                }
            }
        } catch (JMSRuntimeException | JMSException e) {
            throw new IllegalStateException("the broker's management address did not answer: " + e, e);
        }
    }

    private Optional<QueueState> ask(String name) {
        try (JMSContext context = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            return state(context, name);
        } catch (JMSRuntimeException | JMSException e) {
            log.debug("The broker's management address did not answer for {}: {}", name, e.toString());
            return Optional.empty();
        }
    }

    /**
     * The address's message count; an address the broker says it does not have counts 0, as on the embedded broker,
     * while no answer is empty (unknown).
     */
    private Optional<Long> askAddress(String address) {
        try (JMSContext context = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Object count = request(context, ResourceNames.ADDRESS + address, "messageCount", false);
            return Optional.of(number(count));
        } catch (JMSRuntimeException | JMSException e) {
            log.debug("The broker's management address did not answer for address {}: {}", address, e.toString());
            return Optional.empty();
        }
    }

    private Optional<QueueState> state(JMSContext context, String name) throws JMSException {
        String resource = ResourceNames.QUEUE + name;
        Object count = request(context, resource, "messageCount", false);
        if (count == null) {
            return Optional.empty();
        }
        Object firstAt = request(context, resource, "firstMessageTimestamp", false);
        QueueDepths.Depth depth = new QueueDepths.Depth(
                name,
                number(count),
                (int) number(request(context, resource, "deliveringCount", false)),
                (int) number(request(context, resource, "scheduledCount", false)),
                number(request(context, resource, "messagesAdded", false)),
                (int) number(request(context, resource, "consumerCount", false)));
        Optional<Instant> oldest = firstAt instanceof Number at && at.longValue() > 0
                ? Optional.of(Instant.ofEpochMilli(at.longValue()))
                : Optional.empty();
        return Optional.of(new QueueState(depth, oldest));
    }

    /**
     * One attribute, or an operation with its parameters, of a management resource; null when the broker says no (no
     * such resource, or refused).
     *
     * @throws JMSException when the broker does not answer within {@link #ANSWER_WITHIN}
     */
    private static @Nullable Object request(
            JMSContext context, String resource, String name, boolean operation, Object... parameters)
            throws JMSException {
        TemporaryQueue replies = context.createTemporaryQueue();
        try (JMSConsumer consumer = context.createConsumer(replies)) {
            Message request = context.createMessage();
            if (operation) {
                JMSManagementHelper.putOperationInvocation(request, resource, name, parameters);
            } else {
                JMSManagementHelper.putAttribute(request, resource, name);
            }
            request.setJMSReplyTo(replies);
            context.createProducer().send(context.createQueue(MANAGEMENT), request);
            Message reply = consumer.receive(ANSWER_WITHIN.toMillis());
            if (reply == null) {
                throw new JMSException("the broker's management address gave no answer within "
                        + ANSWER_WITHIN.toSeconds() + " s to " + name + " on " + resource);
            }
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                return null;
            }
            return JMSManagementHelper.getResult(reply);
        } catch (Exception e) {
            if (e instanceof JMSException jms) {
                throw jms;
            }
            JMSException failed = new JMSException("management request " + name + " on " + resource + " failed: " + e);
            // Kept as the cause, so that a broker failing over is still recognised as one (HubExceptionHandler).
            failed.initCause(e);
            failed.setLinkedException(e);
            throw failed;
        } finally {
            replies.delete();
        }
    }

    private static long number(@Nullable Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
