package org.vanguard.hub.broker.plugin;

import java.util.Optional;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * The broker subject of a participant authenticated by its certificate: its ODS code as the user (which Artemis
 * stamps on what it sends, {@link ValidatedSenderStamp}) and the role {@value #PARTICIPANT_ROLE}.
 */
public final class ParticipantSubjects {

    public static final String PARTICIPANT_ROLE = "participant";

    private ParticipantSubjects() {}

    public static Subject participant(String ods) {
        return subject(ods, PARTICIPANT_ROLE);
    }

    public static Subject subject(String user, String role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        subject.setReadOnly();
        return subject;
    }

    /** The participant's ODS code when the subject is a participant's. */
    public static Optional<String> participantOf(Subject subject) {
        if (!subject.getPrincipals(RolePrincipal.class).contains(new RolePrincipal(PARTICIPANT_ROLE))) {
            return Optional.empty();
        }
        return subject.getPrincipals(UserPrincipal.class).stream().findFirst().map(UserPrincipal::getName);
    }
}
