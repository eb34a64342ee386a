package org.vanguard.hub.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an admin endpoint (one of them suffices), on the handler method or its controller; the
 * method's wins. An admin handler (one taking an {@link AuthenticatedOfficer}) without it is for IG officers
 * only, so an endpoint nobody thought about is closed rather than open. A caller without the role gets a 403
 * OperationOutcome naming the roles needed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {

    Role[] value();

    /**
     * For an endpoint an MDT member may read within their MDT: the request parameter that must name their MDT's
     * ODS code (e.g. {@code participant}). A caller who holds another of the allowed roles is not restricted.
     * Empty: MDT members, if allowed, are not restricted.
     */
    String mdtScope() default "";
}
