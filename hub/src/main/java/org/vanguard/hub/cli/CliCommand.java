package org.vanguard.hub.cli;

import java.io.PrintStream;

/** One subcommand of {@link HubCli}. */
public interface CliCommand {

    /** The word that selects it, e.g. {@code csr}. */
    String name();

    /** Its options, for the usage line. */
    String usage();

    /** One line saying what it does. */
    String summary();

    /** @return the exit status: 0 done, 1 refused or failed */
    int run(CliOptions options, PrintStream out, PrintStream err) throws Exception;
}
