package org.vanguard.governance.objection;

import java.util.List;
import org.vanguard.governance.patient.NhsNumber;

/** Port to the standing objections; the hub keeps them in its database. */
public interface ObjectionStore {

    /** The patient's objections in force; empty when there are none. */
    List<Objection> objectionsOf(NhsNumber patient);
}
