/**
 * What only the demo vanguard has, active in the {@code demo} profile alone (the embedded default): the demo
 * participants' and IG officer's client certificates issued on first start ({@link org.vanguard.hub.demo.DemoCredentials}),
 * and the bare pipeline the load harness compares the hub against ({@link org.vanguard.hub.demo.BarePipeline}: the same
 * HTTPS, parsing and durable queue without validation, governance, redaction, signing or dispatch; also off unless
 * {@code hub.bench.bare-pipeline=true}). A production hub, outside the demo profile, has neither: participants are
 * onboarded from their own CSRs.
 */
@ApplicationModule(displayName = "Demo vanguard")
@NullMarked
package org.vanguard.hub.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
