package org.vanguard.hub.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/**
 * People on the admin API over real mutual TLS: local accounts signed in with HTTP Basic, roles enforced per
 * endpoint, account changes in the audit chain, salted hashes that never leave the database, lockout after
 * repeated wrong passwords. The first account comes from configuration, as an operator would set it up.
 */
@TestPropertySource(
        properties = {
            "hub.security.bootstrap-admin.username=first-admin",
            "hub.security.bootstrap-admin.password=" + PeopleIT.ADMIN_PASSWORD,
            "hub.security.max-failed-sign-ins=3"
        })
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class PeopleIT extends HubIntegrationTest {

    static final String ADMIN_PASSWORD = "first admin's long passphrase";
    private static final String JSON = "application/json";
    private static final String AGREEMENT = "ISA-CH001-G81001-DC";

    /** Every response body seen, to show no password or hash ever leaves the hub. */
    private final List<String> bodies = new ArrayList<>();

    private HubClient admin() throws Exception {
        return as("RCP").signedInAs("first-admin", ADMIN_PASSWORD);
    }

    private HttpResponse<String> seen(HttpResponse<String> response) {
        bodies.add(response.body());
        return response;
    }

    private HttpResponse<String> createAccount(HubClient by, String username, String password, String roles, String mdt)
            throws Exception {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[" + roles + "]"
                + (mdt == null ? "" : ",\"mdt\":\"" + mdt + "\"") + "}";
        return seen(by.post("/admin/users", JSON, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String diagnostics(HttpResponse<String> response) {
        return JsonPath.read(response.body(), "$.issue[0].diagnostics");
    }

    @Test
    void aWrongPasswordIsA401OperationOutcomeWithABasicChallenge() throws Exception {
        HttpResponse<String> wrong = seen(
                as("RCP").signedInAs("first-admin", "not the password at all").get("/admin/agreements"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat((String) JsonPath.read(wrong.body(), "$.resourceType")).isEqualTo("OperationOutcome");
        assertThat((String) JsonPath.read(wrong.body(), "$.issue[0].code")).isEqualTo("login");
        assertThat(diagnostics(wrong)).contains("sign-in refused");
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));

        HttpResponse<String> unknown =
                seen(as("RCP").signedInAs("nobody-here", "whatever password").get("/admin/agreements"));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());

        HttpResponse<String> notBasic =
                as("RCP").withAuthorization("Bearer abc.def.ghi").get("/admin/agreements");
        assertThat(notBasic.statusCode()).isEqualTo(401);
        assertThat(diagnostics(notBasic)).contains("HTTP Basic");
        assertThat((String) JsonPath.read(notBasic.body(), "$.issue[0].expression[0]"))
                .isEqualTo("(Authorization header)");

        assertThat(seen(admin().get("/admin/agreements")).statusCode()).isEqualTo(200);
    }

    @Test
    void aParticipantCertificateAloneIsNotAnAdmin() throws Exception {
        HttpResponse<String> response = as("RCP").get("/admin/agreements");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(diagnostics(response)).contains("sign in with an account");
    }

    @Test
    void anOperatorCannotChangeAnAgreementAndAnIgOfficerCan() throws Exception {
        assertThat(createAccount(admin(), "olive-operator", "operators long password", "\"operator\"", null)
                        .statusCode())
                .isEqualTo(201);
        HubClient operator = as("RCP").signedInAs("olive-operator", "operators long password");

        HttpResponse<String> refused = seen(operator.post(
                "/admin/agreements/" + AGREEMENT + "/suspend",
                JSON,
                "{\"reason\":\"operator tries\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat((String) JsonPath.read(refused.body(), "$.issue[0].code")).isEqualTo("forbidden");
        assertThat(diagnostics(refused))
                .contains("needs the role IG officer")
                .contains("user:olive-operator holds operator");
        assertThat(seen(operator.get("/admin/agreements")).statusCode()).isEqualTo(403);
        assertThat(seen(operator.get("/admin/queues")).statusCode()).isEqualTo(200);
        assertThat(seen(operator.get("/admin/audit/verify")).statusCode()).isEqualTo(200);
        assertThat(seen(operator.get("/admin/audit?kind=ADMIN")).statusCode()).isEqualTo(403);

        HttpResponse<String> suspended = seen(admin().post(
                        "/admin/agreements/" + AGREEMENT + "/suspend",
                        JSON,
                        "{\"reason\":\"IG officer suspends for review\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(suspended.body(), "$.status")).isEqualTo("suspended");
        String history =
                seen(admin().get("/admin/agreements/" + AGREEMENT + "/history")).body();
        assertThat(history).contains("user:first-admin");
        assertThat(seen(admin().post(
                                        "/admin/agreements/" + AGREEMENT + "/resume",
                                        JSON,
                                        "{\"reason\":\"review done\"}".getBytes(StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anOperatorManagesOperatorAccountsOnly() throws Exception {
        createAccount(admin(), "oscar-operator", "oscars long password", "\"operator\"", null);
        HubClient operator = as("CH001").signedInAs("oscar-operator", "oscars long password");
        HttpResponse<String> escalation =
                createAccount(operator, "sneaky-officer", "a long enough password", "\"ig-officer\"", null);
        assertThat(escalation.statusCode()).isEqualTo(403);
        assertThat(diagnostics(escalation)).contains("only an IG officer");
        assertThat(jdbc.queryForObject(
                        "select count(*) from user_account where username = 'sneaky-officer'", Integer.class))
                .isZero();
        assertThat(createAccount(operator, "second-operator", "another long password", "\"operator\"", null)
                        .statusCode())
                .isEqualTo(201);
        assertThat(seen(operator.post("/admin/signing-keys/rotate", JSON, new byte[0]))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anMdtMemberReadsAgreementsAndOnlyTheirOwnMdtsAudit() throws Exception {
        HttpResponse<String> created =
                createAccount(admin(), "mary-mdt", "marys long password", "\"mdt-member\"", "MDT01");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat((String) JsonPath.read(created.body(), "$.mdt")).isEqualTo("MDT01");
        HubClient member = as("RCP").signedInAs("mary-mdt", "marys long password");

        assertThat(seen(member.get("/admin/agreements")).statusCode()).isEqualTo(200);
        assertThat(seen(member.get("/admin/agreements/" + AGREEMENT + "/history"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(seen(member.get("/admin/audit?participant=MDT01")).statusCode())
                .isEqualTo(200);
        assertThat(seen(member.get("/admin/audit/export?participant=MDT01")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> unscoped = seen(member.get("/admin/audit"));
        assertThat(unscoped.statusCode()).isEqualTo(403);
        assertThat(diagnostics(unscoped)).contains("participant=MDT01");
        assertThat(seen(member.get("/admin/audit?participant=RAC")).statusCode())
                .isEqualTo(403);

        HttpResponse<String> change = seen(member.post(
                "/admin/agreements/" + AGREEMENT + "/suspend",
                JSON,
                "{\"reason\":\"member tries\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(diagnostics(change)).contains("IG officer").contains("MDT member");
        assertThat(seen(member.post("/admin/objections", JSON, "{}".getBytes(StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(403);
        assertThat(seen(member.get("/admin/queues")).statusCode()).isEqualTo(403);
        assertThat(seen(member.get("/admin/users")).statusCode()).isEqualTo(403);
        assertThat(createAccount(member, "mary-friend", "a long enough password", "\"mdt-member\"", "MDT01")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void accountsAreAuditedSaltedAndNeverShowTheirPassword() throws Exception {
        String shared = "the same long password";
        assertThat(createAccount(admin(), "ann-officer", shared, "\"ig-officer\"", null)
                        .statusCode())
                .isEqualTo(201);
        assertThat(createAccount(admin(), "bob-officer", shared, "\"ig-officer\"", null)
                        .statusCode())
                .isEqualTo(201);
        String annHash = jdbc.queryForObject(
                "select password_hash from user_account where username = 'ann-officer'", String.class);
        String bobHash = jdbc.queryForObject(
                "select password_hash from user_account where username = 'bob-officer'", String.class);
        assertThat(annHash).startsWith("$argon2id$").isNotEqualTo(bobHash);
        assertThat(bobHash).startsWith("$argon2id$");

        List<Map<String, Object>> changes =
                JsonPath.read(seen(admin().get("/admin/audit?kind=ADMIN")).body(), "$");
        assertThat(changes)
                .filteredOn(c -> "user.create".equals(c.get("action")))
                .extracting(c -> String.join("\n", (List<String>) c.get("explanation")))
                .contains(
                        "created account ann-officer with roles ig-officer",
                        "created account bob-officer with roles ig-officer");
        assertThat(changes)
                .filteredOn(c -> "user.create".equals(c.get("action")))
                .anySatisfy(c -> assertThat(c.get("actor")).isEqualTo("hub (hub.security.bootstrap-admin)"))
                .anySatisfy(c -> assertThat(c.get("actor")).isEqualTo("user:first-admin"));
        assertThat(seen(admin().get("/admin/audit/verify")).body()).contains("\"intact\":true");

        assertThat(seen(admin().get("/admin/users")).body()).contains("ann-officer", "bob-officer", "first-admin");
        assertThat(seen(admin().get("/admin/users/ann-officer")).statusCode()).isEqualTo(200);
        assertThat(seen(as("G81001").signedInAs("ann-officer", shared).get("/admin/reviews?status=open"))
                        .statusCode())
                .isEqualTo(200);

        assertThat(seen(admin().delete("/admin/users/bob-officer")).statusCode())
                .isEqualTo(204);
        assertThat(as("G81001")
                        .signedInAs("bob-officer", shared)
                        .get("/admin/agreements")
                        .statusCode())
                .isEqualTo(401);
        assertThat(JsonPath.<List<Object>>read(
                        seen(admin().get("/admin/audit?kind=ADMIN")).body(), "$[?(@.action == 'user.delete')]"))
                .hasSize(1);

        String auditText = String.join(
                "\n",
                jdbc.queryForList("select explanation from audit_decision where event_kind = 'ADMIN'", String.class));
        assertThat(bodies)
                .isNotEmpty()
                .allSatisfy(body -> assertThat(body)
                        .doesNotContain(shared)
                        .doesNotContain(ADMIN_PASSWORD)
                        .doesNotContain(annHash)
                        .doesNotContain(bobHash)
                        .doesNotContain("argon2")
                        .doesNotContain("password_hash"));
        assertThat(auditText).doesNotContain(shared).doesNotContain("argon2");
    }

    @Test
    void badAccountRequestsAreNamed4xx() throws Exception {
        HttpResponse<String> weak = createAccount(admin(), "weak-one", "short", "\"operator\"", null);
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(weak.body(), "$.issue[0].expression[0]"))
                .isEqualTo("password");
        assertThat(weak.body()).doesNotContain("\"short\"");

        HttpResponse<String> noTeam =
                createAccount(admin(), "no-team", "a long enough password", "\"mdt-member\"", null);
        assertThat(noTeam.statusCode()).isEqualTo(400);
        assertThat(noTeam.body()).contains("mdt");
        HttpResponse<String> notAnMdt =
                createAccount(admin(), "not-an-mdt", "a long enough password", "\"mdt-member\"", "RAC");
        assertThat(notAnMdt.statusCode()).isEqualTo(400);
        assertThat(notAnMdt.body()).contains("RAC is not an MDT");
        HttpResponse<String> badRole =
                createAccount(admin(), "bad-role", "a long enough password", "\"superuser\"", null);
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("roles[0]");
        HttpResponse<String> badName =
                createAccount(admin(), "Bad Name", "a long enough password", "\"operator\"", null);
        assertThat(badName.statusCode()).isEqualTo(400);

        assertThat(createAccount(admin(), "twice", "a long enough password", "\"operator\"", null)
                        .statusCode())
                .isEqualTo(201);
        assertThat(createAccount(admin(), "twice", "another long password", "\"operator\"", null)
                        .statusCode())
                .isEqualTo(409);
        assertThat(seen(admin().delete("/admin/users/first-admin")).statusCode())
                .isEqualTo(409);
        assertThat(seen(admin().delete("/admin/users/nobody-at-all")).statusCode())
                .isEqualTo(404);
        assertThat(seen(admin().get("/admin/users/nobody-at-all")).statusCode()).isEqualTo(404);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccount() throws Exception {
        createAccount(admin(), "lucy-locked", "lucys long password", "\"operator\"", null);
        HubClient right = as("RCP").signedInAs("lucy-locked", "lucys long password");
        HubClient wrong = as("RCP").signedInAs("lucy-locked", "a wrong guess of hers");
        assertThat(right.get("/admin/queues").statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(wrong.get("/admin/queues").statusCode()).isEqualTo(401);
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from user_account where username = 'lucy-locked' and locked_until is not null",
                        Integer.class))
                .isEqualTo(1);
        HttpResponse<String> locked = right.get("/admin/queues");
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(diagnostics(locked)).contains("locked after repeated failures");
    }

    @Test
    void theIgOfficerCertificateStillWorks() throws Exception {
        assertThat(asOfficer().get("/admin/agreements").statusCode()).isEqualTo(200);
        assertThat(asOfficer().get("/admin/users").statusCode()).isEqualTo(200);
        assertThat(asOfficer().get("/admin/queues").statusCode()).isEqualTo(200);
    }
}
