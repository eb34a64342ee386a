package org.vanguard.profiles.message;

/** A value read from a message together with where it was found (FHIRPath), so a later check can point at it. */
public record Located(String value, String location) {}
