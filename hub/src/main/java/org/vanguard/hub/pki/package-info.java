/**
 * The hub's own demonstration PKI: a certificate authority generated on first start that issues the hub's
 * TLS server certificate and one client certificate per participant organisation, so that every call is
 * mutually authenticated and the caller's ODS code is read from its certificate rather than trusted from
 * the request. It is a stand-in for a national or regional CA and is kept in plain files so that curl and
 * OpenSSL can use exactly what the hub uses.
 */
package org.vanguard.hub.pki;
