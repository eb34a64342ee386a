package org.vanguard.hub.broker.plugin;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.Optional;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * The broker subject of a participant authenticated by its certificate: its ODS code as the user (which Artemis
 * stamps on what it sends, {@link ValidatedSenderStamp}) and a {@link ParticipantPrincipal}, a type only this package
 * creates, so no JAAS login module or role of the broker's can make a subject look like a participant's.
 */
public final class ParticipantSubjects {

    private ParticipantSubjects() {}

    public static Subject participant(String ods) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(ods));
        subject.getPrincipals().add(new ParticipantPrincipal(ods));
        subject.setReadOnly();
        return subject;
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
        return subject.getPrincipals(ParticipantPrincipal.class).stream()
                .findFirst()
                .map(ParticipantPrincipal::getName);
    }

    /** A participant authenticated by its certificate, named by its ODS code. */
    record ParticipantPrincipal(String ods) implements Principal, Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String getName() {
            return ods;
        }
    }
}
