/**
 * Who may see what, for which purpose. Plain Java so that the rules an IG officer relies on can be read,
 * tested and reused without any framework; adapters in {@code hub} implement the ports declared here.
 *
 * <p>Every package of this module is {@code @NullMarked} (JSpecify): a value is present unless its type says
 * {@code @Nullable}, and NullAway checks this when the module compiles.
 */
@NullMarked
package org.vanguard.governance;

import org.jspecify.annotations.NullMarked;
