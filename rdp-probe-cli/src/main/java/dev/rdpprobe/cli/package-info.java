/** The rdp-probe command. */
package dev.rdpprobe.cli;
