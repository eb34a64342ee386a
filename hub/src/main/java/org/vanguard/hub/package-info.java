/**
 * The Spring Boot application that runs the hub: configuration, persistence adapters for governance's
 * ports, HTTPS endpoints, PKI and the embedded broker. The only Maven module that knows all the others. Each package
 * below this one is a feature and a Spring Modulith application module; {@code web} is what they share
 * ({@code docs/modules.md}).
 */
package org.vanguard.hub;
