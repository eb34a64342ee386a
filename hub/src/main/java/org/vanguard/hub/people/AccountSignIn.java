package org.vanguard.hub.people;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Checks a username and password against the local accounts. A disabled account, a locked one and a wrong
 * password are all refused; the caller is told only "refused" and the reason goes to the log, so the answer
 * does not say which usernames exist. {@code maxFailedSignIns} wrong passwords in a row lock the account for
 * {@code lockout}, during which even the right password is refused: guessing online is capped.
 */
@Service
public class AccountSignIn {

    private final JdbcUserAccounts accounts;
    private final PasswordHashing hashing;
    private final PeopleProperties properties;
    private final Clock clock;

    public AccountSignIn(JdbcUserAccounts accounts, PasswordHashing hashing, PeopleProperties properties, Clock clock) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.properties = properties;
        this.clock = clock;
    }

    /** The outcome of one sign-in. */
    public sealed interface Outcome {}

    public record SignedIn(UserAccount account) implements Outcome {}

    /** @param why for the log only, never for the caller */
    public record Refused(String why) implements Outcome {}

    public Outcome signIn(String username, String password) {
        Optional<JdbcUserAccounts.Credentials> found = accounts.credentials(username);
        if (found.isEmpty()) {
            hashing.spendOnUnknownAccount(password);
            return new Refused("no account '" + username + "'");
        }
        JdbcUserAccounts.Credentials credentials = found.get();
        Instant now = clock.instant();
        if (credentials.lockedUntil().filter(now::isBefore).isPresent()) {
            return new Refused("account '" + username + "' is locked until "
                    + credentials.lockedUntil().get() + " after " + properties.maxFailedSignIns() + " wrong passwords");
        }
        if (!hashing.matches(password, credentials.passwordHash())) {
            accounts.recordFailure(username, properties.maxFailedSignIns(), now.plus(properties.lockout()));
            return new Refused("wrong password for '" + username + "'");
        }
        if (!credentials.account().enabled()) {
            return new Refused("account '" + username + "' is disabled");
        }
        accounts.recordSuccess(username);
        return new SignedIn(credentials.account());
    }
}
