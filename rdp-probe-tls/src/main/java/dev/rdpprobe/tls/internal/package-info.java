/**
 * Internal: the BouncyCastle non-blocking TLS record pump that the probe's TLS client and the test
 * kit's TLS server share. Not an API; exported only to the test kit.
 */
package dev.rdpprobe.tls.internal;
