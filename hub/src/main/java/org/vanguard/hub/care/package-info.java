/** Care relationships on the hub's database, learnt from messages, the demo caseload and the admin API. */
package org.vanguard.hub.care;
