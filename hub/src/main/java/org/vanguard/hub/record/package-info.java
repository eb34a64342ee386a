/** The shared record store on the database: the latest version of each record per source, and its history. */
package org.vanguard.hub.record;
