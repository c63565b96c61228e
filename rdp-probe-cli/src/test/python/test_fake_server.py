# A test in Python (standard library only) against `rdp-probe fake-server`: start it, send a
# Connection Request, assert on what it recorded through the admin interface. Run from the
# repository root: python3 rdp-probe-cli/src/test/python/test_fake_server.py
import json, os, shlex, socket, subprocess, unittest, urllib.request

RDP_PROBE = shlex.split(os.environ.get("RDP_PROBE", "bin/rdp-probe"))


def connection_request(cookie, protocols):
    """X.224 Connection Request with an mstshash cookie and RDP_NEG_REQ, in TPKT."""
    body = b"Cookie: mstshash=" + cookie + b"\r\n" + bytes([1, 0, 8, 0, protocols, 0, 0, 0])
    x224 = bytes([6 + len(body), 0xE0, 0, 0, 0, 0, 0]) + body
    return bytes([3, 0]) + (4 + len(x224)).to_bytes(2, "big") + x224


class FakeServerTest(unittest.TestCase):
    def test_the_server_records_the_connection_request(self):
        server = subprocess.Popen(RDP_PROBE + ["fake-server", "--scenario", "nla-required", "--listen", "127.0.0.1:0",
                                               "--admin", "127.0.0.1:0", "--until-stdin-closes"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            first = json.loads(server.stdout.readline())
            host, port = first["listening"].rsplit(":", 1)
            with socket.create_connection((host, int(port)), timeout=10) as rdp:
                rdp.sendall(connection_request(b"alice", protocols=1))  # TLS only, no NLA
                self.assertEqual(rdp.recv(64)[11], 3)  # RDP_NEG_FAILURE: this server requires NLA
            with urllib.request.urlopen("http://%s/__admin/connections" % first["admin"], timeout=10) as answer:
                recorded = json.load(answer)["connections"][0]
            self.assertEqual(recorded["cookie"], "alice")
            self.assertEqual(recorded["requestedProtocols"], ["SSL"])
        finally:
            server.stdin.close()  # --until-stdin-closes: this stops it
            self.assertEqual(server.wait(timeout=20), 0)
            server.stdout.close()


if __name__ == "__main__":
    unittest.main()
