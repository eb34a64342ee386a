/**
 * The policy decision: for one sender, recipient, purpose, patient and resource type, permit or deny,
 * with an explanation an IG officer can read without reading code. Rules are small classes named as the
 * sentence they enforce, combined deny-overrides with deny as the default.
 */
@NullMarked
package org.vanguard.governance.decision;

import org.jspecify.annotations.NullMarked;
