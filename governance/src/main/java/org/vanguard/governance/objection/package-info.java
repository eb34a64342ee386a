/**
 * Standing objections kept per patient: the National Data Opt-out, the GP Type 1 objection and an
 * objection to the shared care record (UK GDPR Art 21). Which of them applies depends on purpose and legal
 * basis, never on which organisation asks.
 */
@NullMarked
package org.vanguard.governance.objection;

import org.jspecify.annotations.NullMarked;
