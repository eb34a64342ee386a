/** Command-line tools an IG officer runs against a running hub, over the same mutual TLS as the admin API. */
package org.vanguard.hub.cli;
