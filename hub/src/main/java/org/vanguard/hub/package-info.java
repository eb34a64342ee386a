/**
 * The Spring Boot application that runs the hub: configuration, persistence adapters for governance's
 * ports, HTTPS endpoints, PKI and the embedded broker. The only Maven module that knows all the others. Each package
 * below this one is a feature and a Spring Modulith application module; {@code web} is what they share
 * ({@code docs/modules.md}).
 *
 * <p>Every package of this module is {@code @NullMarked} (JSpecify): a value is present unless its type says
 * {@code @Nullable}, and NullAway checks this when the module compiles.
 */
@NullMarked
package org.vanguard.hub;

import org.jspecify.annotations.NullMarked;
