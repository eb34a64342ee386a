/**
 * Care relationships on the hub's database, learnt from messages, the demo caseload and the admin API: care teams
 * and their caseloads, legitimate relationships and standing subscriptions.
 */
package org.vanguard.hub.care;
