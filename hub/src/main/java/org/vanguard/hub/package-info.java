/**
 * The Spring Boot application that runs the hub: configuration, persistence adapters for governance's
 * ports, HTTPS endpoints, PKI and the embedded broker. The only module that knows all the others.
 */
package org.vanguard.hub;
