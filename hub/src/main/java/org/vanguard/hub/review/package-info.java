/** The review queue of emergency overrides, on the hub's database, and its admin API view. */
package org.vanguard.hub.review;
