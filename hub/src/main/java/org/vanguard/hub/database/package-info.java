/**
 * The hub's use of its database as a whole: transactions committed in groups, so that the commits dispatch and the
 * audit need do not make the database's write path the hub's bottleneck.
 */
package org.vanguard.hub.database;
