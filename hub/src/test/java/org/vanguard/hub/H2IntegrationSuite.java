package org.vanguard.hub;

import org.junit.platform.suite.api.ExcludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The integration tests on the embedded H2 database. With {@link PostgresqlIntegrationSuite} it is what the build runs
 * when a PostgreSQL server is named ({@code HUB_TEST_POSTGRES_URL}, hub/pom.xml's {@code postgresql-its} profile): the
 * two suites in two test JVMs at once, one per database, so the second database costs little wall time. The tests that
 * run once ({@link #ONCE_ON_H2}, {@link PostgresqlIntegrationSuite#ONCE_ON_POSTGRESQL}) are shared out between the two
 * suites to even out the JVMs' work. Without a server named, the build runs the {@code *IT} classes directly, on H2.
 */
@Suite
@SuiteDisplayName("Integration tests on H2")
@SelectPackages("org.vanguard.hub")
@IncludeClassNamePatterns(".*IT")
@ExcludeClassNamePatterns({PostgresqlIntegrationSuite.ONCE_ON_POSTGRESQL, H2IntegrationSuite.ALONE})
public class H2IntegrationSuite {

    /**
     * Run here only: the crash test (it runs the jar on its own embedded database), SbomIT and BrokerPluginJarIT (they
     * read the build's files) and one of the console's browser tests (pages, accessibility, the README's screenshots: the
     * services behind them are the same on either database).
     */
    static final String ONCE_ON_H2 =
            ".*\\.(crash\\.CrashRecoveryIT|SbomIT|console\\.MdtConsoleIT|broker\\.plugin\\.BrokerPluginJarIT)";

    /**
     * In neither suite: the cluster test starts processes of its own (two brokers, two hubs on a PostgreSQL schema of
     * their own) and kills them under load, so it runs by itself once both suites are done (hub/pom.xml's
     * {@code cluster-it} execution), on a machine nothing else is using.
     */
    static final String ALONE = ".*\\.cluster\\.ClusterIT";
}
