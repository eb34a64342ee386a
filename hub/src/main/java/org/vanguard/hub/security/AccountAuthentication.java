package org.vanguard.hub.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.vanguard.hub.people.AccountSignIn;
import org.vanguard.hub.people.UserAccount;
import org.vanguard.hub.web.AuthenticatedOfficer;

/**
 * A person signing in with a local account, by HTTP Basic on the providers' port or by the console's sign-in form:
 * the same {@link AccountSignIn} (Argon2id hashes, lockout after repeated failures) either way. A wrong password,
 * an unknown user and a locked or disabled account get the same answer; the reason goes to the log only. The
 * principal is an {@link AuthenticatedOfficer} named {@code user:<username>}, the name the audit records.
 */
@Component
public class AccountAuthentication implements AuthenticationProvider {

    /** What a refused person is told, whatever the reason. */
    public static final String REFUSED = "sign-in refused: wrong username or password, or the account is disabled or "
            + "locked after repeated failures";

    private static final Logger log = LoggerFactory.getLogger(AccountAuthentication.class);

    private final AccountSignIn signIn;

    public AccountAuthentication(AccountSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object password = authentication.getCredentials();
        AccountSignIn.Outcome outcome = signIn.signIn(username, password == null ? "" : password.toString());
        if (outcome instanceof AccountSignIn.SignedIn in) {
            UserAccount account = in.account();
            AuthenticatedOfficer person =
                    new AuthenticatedOfficer("user:" + account.username(), account.roles(), account.mdt());
            UsernamePasswordAuthenticationToken done =
                    UsernamePasswordAuthenticationToken.authenticated(person, null, Roles.authorities(account.roles()));
            done.setDetails(authentication.getDetails());
            return done;
        }
        log.info("Sign-in refused: {}", ((AccountSignIn.Refused) outcome).why());
        throw new CallerRefusedException(CallerRefusedException.AUTHORIZATION, REFUSED);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
