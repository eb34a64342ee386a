/** Patients' Consents and standing objections on the hub's database, behind governance's ports. */
package org.vanguard.hub.consent;
