package org.vanguard.hub.people;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.participant.ParticipantKind;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.CallerNotAllowedException;
import org.vanguard.hub.web.ExceptionText;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * Local accounts for IG officers and operators. An IG officer may grant any role; an operator may make and delete
 * operator accounts only, so running the hub never becomes a way into patient data. Passwords are taken, checked
 * against {@link PasswordPolicy}, hashed and forgotten: no response, log line or audit entry carries a password or
 * its hash. Every creation and deletion is in the audit chain.
 */
@RestController
@RequestMapping("/admin/users")
@RequiresRole({Role.IG_OFFICER, Role.OPERATOR})
class AdminUserController {

    private static final Logger log = LoggerFactory.getLogger(AdminUserController.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final AccountAdministration administration;
    private final JdbcUserAccounts accounts;
    private final ParticipantDirectory participants;

    public AdminUserController(
            AccountAdministration administration, JdbcUserAccounts accounts, ParticipantDirectory participants) {
        this.administration = administration;
        this.accounts = accounts;
        this.participants = participants;
    }

    /** An account to make; {@code mdt} is the team of an MDT member. */
    public record AccountRequest(String username, String password, List<String> roles, String mdt) {

        @Override
        public String toString() {
            return "AccountRequest[username=" + username + ", password=(withheld), roles=" + roles + ", mdt=" + mdt
                    + "]";
        }
    }

    /** An account as shown: never a password or a hash. */
    public record AccountView(
            String username,
            List<String> roles,
            @Nullable String mdt,
            boolean enabled,
            Instant createdAt,
            String createdBy,
            Instant updatedAt) {

        static AccountView of(UserAccount account) {
            return new AccountView(
                    account.username(),
                    account.roles().stream().sorted().map(Role::code).toList(),
                    account.mdt().map(OdsCode::value).orElse(null),
                    account.enabled(),
                    account.createdAt(),
                    account.createdBy(),
                    account.updatedAt());
        }
    }

    @GetMapping
    public List<AccountView> list(AuthenticatedOfficer officer) {
        return accounts.all().stream().map(AccountView::of).toList();
    }

    @GetMapping("/{username}")
    public AccountView get(AuthenticatedOfficer officer, @PathVariable String username) {
        return accounts.find(username)
                .map(AccountView::of)
                .orElseThrow(() -> new NotFoundException("no account " + username));
    }

    @PostMapping
    public ResponseEntity<AccountView> create(AuthenticatedOfficer officer, @RequestBody AccountRequest request) {
        List<InputIssue> issues = new ArrayList<>();
        String username = request.username() == null ? "" : request.username();
        if (!USERNAME.matcher(username).matches()) {
            issues.add(InputIssue.value(
                    "username",
                    "a username is 3 to 64 characters: lower-case letters, digits, '.', '_' "
                            + "or '-', starting with a letter or digit"));
        }
        PasswordPolicy.problem(username, request.password())
                .ifPresent(problem -> issues.add(InputIssue.value("password", problem)));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> named = request.roles() == null ? List.of() : request.roles();
        if (named.isEmpty()) {
            issues.add(InputIssue.required("roles", "name at least one role: ig-officer, operator or mdt-member"));
        }
        for (int i = 0; i < named.size(); i++) {
            try {
                roles.add(Role.fromCode(named.get(i)));
            } catch (IllegalArgumentException e) {
                issues.add(InputIssue.value("roles[" + i + "]", ExceptionText.of(e)));
            }
        }
        Optional<OdsCode> mdt = mdt(request.mdt(), roles.contains(Role.MDT_MEMBER), issues);
        if (!issues.isEmpty()) {
            throw new FhirInputException(Rejection.INVALID, issues);
        }
        mayGrant(officer, roles);
        UserAccount created = administration
                .create(username, request.password(), roles, mdt, officer.subject())
                .orElseThrow(() -> new FhirInputException(
                        Rejection.CONFLICT, InputIssue.value("username", "account " + username + " already exists")));
        log.info("{} created account {} with roles {}", officer.subject(), username, roles);
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(created));
    }

    @DeleteMapping("/{username}")
    public ResponseEntity<Void> delete(AuthenticatedOfficer officer, @PathVariable String username) {
        UserAccount account =
                accounts.find(username).orElseThrow(() -> new NotFoundException("no account " + username));
        if (officer.subject().equals("user:" + username)) {
            throw new FhirInputException(
                    Rejection.CONFLICT,
                    InputIssue.value("username", "you cannot delete the account you are signed in with"));
        }
        mayGrant(officer, account.roles());
        if (!administration.delete(username, officer.subject())) {
            throw new NotFoundException("no account " + username);
        }
        log.info("{} deleted account {}", officer.subject(), username);
        return ResponseEntity.noContent().build();
    }

    private Optional<OdsCode> mdt(String value, boolean member, List<InputIssue> issues) {
        if (value == null || value.isBlank()) {
            if (member) {
                issues.add(InputIssue.required("mdt", "an MDT member needs 'mdt': the ODS code of their MDT"));
            }
            return Optional.empty();
        }
        if (!member) {
            issues.add(InputIssue.value("mdt", "'mdt' is for MDT members only"));
            return Optional.empty();
        }
        try {
            OdsCode code = OdsCode.of(value);
            if (participants
                    .find(code)
                    .filter(p -> p.kind() == ParticipantKind.CARE_TEAM)
                    .isEmpty()) {
                issues.add(InputIssue.value("mdt", code + " is not an MDT of this vanguard"));
            }
            return Optional.of(code);
        } catch (IllegalArgumentException e) {
            issues.add(InputIssue.value("mdt", ExceptionText.of(e)));
            return Optional.empty();
        }
    }

    /** An operator who is not also an IG officer manages operator accounts only. */
    private static void mayGrant(AuthenticatedOfficer officer, Set<Role> roles) {
        if (!officer.holds(Role.IG_OFFICER) && !EnumSet.of(Role.OPERATOR).containsAll(roles)) {
            throw new CallerNotAllowedException(
                    HttpStatus.FORBIDDEN,
                    "only an IG officer manages accounts with the role " + "IG officer or MDT member; "
                            + officer.subject() + " is an operator");
        }
    }
}
