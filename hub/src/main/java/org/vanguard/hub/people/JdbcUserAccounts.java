package org.vanguard.hub.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.web.Role;

/**
 * Local accounts in the {@code user_account} table (Flyway V9). Roles are stored as their codes separated by
 * commas. The password hash is written here and read only by {@link #credentials}, which sign-in uses; nothing
 * that lists or shows accounts selects it.
 */
@Repository
public class JdbcUserAccounts {

    private static final String VIEW_COLUMNS = "username, roles, mdt, enabled, created_at, created_by, updated_at";

    private final JdbcTemplate jdbc;

    public JdbcUserAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What sign-in needs: the hash, whether the account may sign in, and since when it is locked. */
    public record Credentials(
            UserAccount account, String passwordHash, int failedSignIns, Optional<Instant> lockedUntil) {}

    /** Creates the account; a taken username is a {@link org.springframework.dao.DuplicateKeyException}. */
    public void create(UserAccount account, String passwordHash) {
        jdbc.update(
                """
                    insert into user_account (username, password_hash, roles, mdt, enabled, failed_sign_ins,
                        created_at, created_by, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?, ?)""",
                account.username(),
                passwordHash,
                codes(account.roles()),
                account.mdt().map(OdsCode::value).orElse(null),
                account.enabled(),
                Timestamp.from(account.createdAt()),
                account.createdBy(),
                Timestamp.from(account.updatedAt()));
    }

    public Optional<UserAccount> find(String username) {
        return jdbc.query("select " + VIEW_COLUMNS + " from user_account where username = ?", VIEW, username).stream()
                .findFirst();
    }

    public List<UserAccount> all() {
        return jdbc.query("select " + VIEW_COLUMNS + " from user_account order by username", VIEW);
    }

    public boolean delete(String username) {
        return jdbc.update("delete from user_account where username = ?", username) == 1;
    }

    public boolean any() {
        Integer count = jdbc.queryForObject("select count(*) from user_account", Integer.class);
        return count != null && count > 0;
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc
                .query(
                        "select " + VIEW_COLUMNS
                                + ", password_hash, failed_sign_ins, locked_until from user_account where username = ?",
                        (rs, n) -> new Credentials(
                                VIEW.mapRow(rs, n),
                                rs.getString("password_hash"),
                                rs.getInt("failed_sign_ins"),
                                Optional.ofNullable(rs.getTimestamp("locked_until"))
                                        .map(Timestamp::toInstant)),
                        username)
                .stream()
                .findFirst();
    }

    /** Counts a failed sign-in; from the {@code threshold}-th in a row the account is locked until {@code lockUntil}. */
    public void recordFailure(String username, int threshold, Instant lockUntil) {
        jdbc.update("update user_account set failed_sign_ins = failed_sign_ins + 1 where username = ?", username);
        jdbc.update(
                "update user_account set locked_until = ?, failed_sign_ins = 0 where username = ? and failed_sign_ins >= ?",
                Timestamp.from(lockUntil),
                username,
                threshold);
    }

    /** A successful sign-in clears the count of failures. */
    public void recordSuccess(String username) {
        jdbc.update(
                "update user_account set failed_sign_ins = 0, locked_until = null where username = ? "
                        + "and (failed_sign_ins <> 0 or locked_until is not null)",
                username);
    }

    private static String codes(Set<Role> roles) {
        return roles.stream().sorted().map(Role::code).collect(Collectors.joining(","));
    }

    private static final RowMapper<UserAccount> VIEW = JdbcUserAccounts::view;

    private static UserAccount view(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(","))
                .filter(c -> !c.isBlank())
                .map(Role::fromCode)
                .forEach(roles::add);
        return new UserAccount(
                rs.getString("username"),
                roles,
                Optional.ofNullable(rs.getString("mdt")).map(OdsCode::of),
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
