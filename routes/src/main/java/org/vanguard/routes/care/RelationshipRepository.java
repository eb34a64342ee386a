package org.vanguard.routes.care;

import org.vanguard.governance.relationship.Relationship;

/** Where relationships are kept (the hub's database). */
public interface RelationshipRepository {

    /** Records the relationship, or refreshes its source if the same one is already recorded. */
    void record(Relationship relationship);

    /** Ends the relationship at the given instant; false when there was none in force. */
    boolean end(Relationship relationship, java.time.Instant at);
}
