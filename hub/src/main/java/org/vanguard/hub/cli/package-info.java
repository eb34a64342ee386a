/**
 * The hub's command line, {@link org.vanguard.hub.cli.HubCli}: tools an operator or a participant's
 * administrator runs against a hub from outside it (over the same mutual TLS as everyone else), one
 * subcommand per task.
 */
package org.vanguard.hub.cli;
