/** FakeRdpServer: a scriptable RDP server for tests. */
package dev.rdpprobe.testkit;
