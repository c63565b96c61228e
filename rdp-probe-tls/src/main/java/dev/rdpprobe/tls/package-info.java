/** TLS engines and certificate inspection for rdp-probe. */
package dev.rdpprobe.tls;
