package org.vanguard.hub.cluster;

/**
 * Tells the other hub nodes that something they hold in memory changed in the database. A node publishes a topic
 * in the transaction that made the change (the others hear it when that transaction commits, never before), and
 * every node subscribes what it reloads for each topic. The node that made a change has applied it already; it is
 * not told its own changes.
 */
public interface ClusterBus {

    /** A certificate was revoked: reload the revoked serials the TLS handshakes consult. */
    String REVOCATIONS = "revocations";
    /** An agreement's lifecycle changed (approved, suspended, terminated...) or the agreements were reloaded. */
    String AGREEMENTS = "agreements";
    /** The delivery signing keys were rotated (in the shared PKI directory). */
    String SIGNING_KEYS = "signing-keys";
    /** An agreement's pseudonym key was rotated. */
    String PSEUDONYM_KEYS = "pseudonym-keys";

    /** Announces a change; joins the caller's transaction when there is one, so it is heard once that commits. */
    void publish(String topic);

    /**
     * Runs {@code reload} when another node announces {@code topic}, and also whenever this node may have missed
     * announcements (after its listening connection was re-established) and on the periodic refresh.
     */
    void subscribe(String topic, Runnable reload);

    /** One node on its own (H2, the embedded default): there is nobody to tell. */
    ClusterBus ALONE = new ClusterBus() {
        @Override
        public void publish(String topic) {}

        @Override
        public void subscribe(String topic, Runnable reload) {}
    };
}
