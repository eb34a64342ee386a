package org.vanguard.hub.pseudonym;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.pseudonym.Pseudonyms;
import org.vanguard.hub.audit.AdminAudit;

/** The agreements' keyed pseudonyms over the database's keys, and re-identification for controllers. */
@Configuration(proxyBeanMethods = false)
public class PseudonymConfiguration {

    @Bean
    JdbcPseudonymKeys pseudonymKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new JdbcPseudonymKeys(jdbc, transactions, clock);
    }

    @Bean
    Pseudonyms pseudonyms(JdbcPseudonymKeys keys) {
        return new Pseudonyms(keys);
    }

    @Bean
    Reidentification reidentification(
            AgreementStore agreements, Pseudonyms pseudonyms, JdbcTemplate jdbc, AdminAudit audit, Clock clock) {
        return new Reidentification(agreements, pseudonyms, jdbc, audit, clock);
    }
}
