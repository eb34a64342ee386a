package org.vanguard.routes;

/**
 * Names of the message properties the hub sets on the broker. They are part of the mailbox contract:
 * AMQP consumers read the same names.
 */
public final class HubHeaders {

    /** The hub's id of an accepted message. */
    public static final String MESSAGE_ID = "hubMessageId";
    /** The id of one delivery: one message to one recipient. */
    public static final String DELIVERY_ID = "hubDeliveryId";
    /** The authenticated sender's ODS code. */
    public static final String SENDER = "hubSender";
    /** The {@link #SENDER} of the hub's own notices to a participant (not an ODS code). */
    public static final String HUB_SENDER = "vanguard-hub";
    /** The recipient's ODS code. */
    public static final String RECIPIENT = "hubRecipient";
    /** The message event code. */
    public static final String EVENT = "hubEvent";
    /** The purpose of use the delivery was decided for. */
    public static final String PURPOSE = "hubPurpose";
    /** The agreement clauses that permitted the delivery. */
    public static final String AGREEMENTS = "hubAgreements";
    /** When the hub accepted the message (ISO-8601). */
    public static final String ACCEPTED_AT = "hubAcceptedAt";
    /** The patient's NHS number. */
    public static final String PATIENT = "hubPatient";
    /** The resource types the recipient was permitted, comma-separated. */
    public static final String RESOURCE_TYPES = "hubResourceTypes";
    /** The coded reason of an emergency override the delivery rests on, if any. */
    public static final String OVERRIDE_REASON = "hubOverrideReason";
    /** Who invoked that override. */
    public static final String OVERRIDE_BY = "hubOverrideBy";
    /** The hub's detached JWS over the delivered bundle's bytes. */
    public static final String SIGNATURE = "hubSignature";
    /** JMS message group: one patient's messages are consumed in order. */
    public static final String GROUP = "JMSXGroupID";
    /** Artemis duplicate detection: the broker drops a second message with the same value. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private HubHeaders() {}
}
