package org.vanguard.hub.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the hub's command line: {@code hub-cli <command> [--option value ...]}. Each command is a
 * {@link CliCommand} registered here by name, so a new tool is one class and one line.
 *
 * <p>From a built jar (a Spring Boot fat jar, hence the launcher):
 * {@code java -Dloader.main=org.vanguard.hub.cli.HubCli -cp hub/target/vanguard-hub-*.jar
 * org.springframework.boot.loader.launch.PropertiesLauncher csr --ods CH001 ...}
 */
public final class HubCli {

    private static final Map<String, CliCommand> COMMANDS = new LinkedHashMap<>();

    static {
        register(new CsrCommand());
        register(new BrokerTlsCommand());
    }

    private HubCli() {}

    private static void register(CliCommand command) {
        COMMANDS.put(command.name(), command);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command and returns its exit status (0 done, 1 refused or failed, 2 usage error), so tests can
     * call it without the JVM exiting.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            if (args.length > 0 && !"help".equals(args[0])) {
                err.println("unknown command: " + args[0]);
            }
            usage(args.length == 0 || "help".equals(args[0]) ? out : err);
            return args.length > 0 && "help".equals(args[0]) ? 0 : 2;
        }
        CliCommand command = COMMANDS.get(args[0]);
        CliOptions options;
        try {
            options = CliOptions.parse(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: hub-cli " + command.name() + " " + command.usage());
            return 2;
        }
        try {
            return command.run(options, out, err);
        } catch (CliOptions.MissingOption e) {
            err.println(e.getMessage());
            err.println("usage: hub-cli " + command.name() + " " + command.usage());
            return 2;
        } catch (Exception e) {
            err.println(command.name() + " failed: " + e);
            return 1;
        }
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: hub-cli <command> [--option value ...]");
        for (CliCommand command : COMMANDS.values()) {
            stream.println("  " + command.name() + " " + command.usage());
            stream.println("      " + command.summary());
        }
    }

    /** Names of the commands, in registration order. */
    static List<String> commands() {
        return List.copyOf(COMMANDS.keySet());
    }
}
