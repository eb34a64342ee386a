/**
 * The audit trail on the hub's database: governance's {@code AuditLog} port written with JDBC, and the
 * queries IG officers use to find and explain decisions.
 */
package org.vanguard.hub.audit;
