package org.vanguard.hub.web;

import org.vanguard.governance.participant.OdsCode;

/** The participant a request comes from, as its client certificate names it. */
public record AuthenticatedParticipant(OdsCode ods) {}
