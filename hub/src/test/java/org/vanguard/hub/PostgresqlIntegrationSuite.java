package org.vanguard.hub;

import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.ExcludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The integration tests again, on a real PostgreSQL server ({@link TestDatabase}: each application context on a schema
 * of its own), in a test JVM of its own while {@link H2IntegrationSuite} runs in another. The tests that do not depend on
 * the database, or that run once, are shared out between the two suites to even out the JVMs' work: those of
 * {@link H2IntegrationSuite#ONCE_ON_H2} are left out here, and {@link #ONCE_ON_POSTGRESQL} are left out there.
 */
@Suite
@SuiteDisplayName("Integration tests on PostgreSQL")
@SelectPackages("org.vanguard.hub")
@IncludeClassNamePatterns(".*IT")
@ExcludeClassNamePatterns({H2IntegrationSuite.ONCE_ON_H2, H2IntegrationSuite.ALONE})
public class PostgresqlIntegrationSuite {

    /**
     * Run here only: the start test (it runs the jar on its own embedded database), three of the console's browser
     * tests and the brokers' registry lookups (on a schema of their own).
     */
    static final String ONCE_ON_POSTGRESQL =
            ".*\\.(crash\\.ServeWhenReadyIT|console\\.(Console|ConsoleOidc|Dashboard)IT|broker\\.plugin\\.ParticipantCertificatesIT)";

    @BeforeSuite
    static void onPostgresql() {
        System.setProperty(TestDatabase.SELECT, "postgresql");
    }

    @AfterSuite
    static void done() {
        System.clearProperty(TestDatabase.SELECT);
    }
}
