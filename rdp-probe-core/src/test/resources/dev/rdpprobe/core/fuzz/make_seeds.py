#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the hex vectors of shared/protocol/vectors.md.

Run from this directory: python3 make_seeds.py. Jazzer reads <TestClass>Inputs/<method>/ beside the
test class (in resources); every file there is also a regression test in a plain `mvn test`.
Files named seed-* come from here; crash-*/timeout-* files are fuzzer findings kept as regressions.
"""
import os

def h(s):
    return bytes.fromhex("".join(l[6:] if len(l) > 6 and l[4:6] == "  " else l for l in s.strip().splitlines()).replace(" ", ""))

def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b

def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body

A = {
 "a1-spec-cookie-eltons": """03 00 00 2c 27 e0 00 00 00 00 00 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 65 6c 74 6f 6e 73 0d 0a 01 00 08 00 00 00 00 00""",
 "a2-ironrdp-ssl-cookie": """03 00 00 2a 25 e0 00 00 00 00 00 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 55 73 65 72 0d 0a 01 00 08 00 03 00 00 00""",
 "a3-ironrdp-flags": """03 00 00 2a 25 e0 00 00 00 00 00 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 55 73 65 72 0d 0a 01 03 08 00 03 00 00 00""",
 "a4-ironrdp-correlation": """03 00 00 37 32 e0 00 00 00 00 00 01 08 08 00 01 00 00 00 06 00 24 00 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00""",
 "a5-ironrdp-minimal": """03 00 00 13 0e e0 00 00 00 00 00 01 00 08 00 00 00 00 00""",
 "a6-nmap-cookie": """03 00 00 2a 25 e0 00 00 00 00 00 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 6e 6d 61 70 0d 0a 01 00 08 00 0b 00 00 00""",
 "a7-nmap-no-negreq": """03 00 00 22 1d e0 00 00 00 00 00 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 6e 6d 61 70 0d 0a""",
}
B = {
 "b1-ironrdp-rsp-hybrid": "03 00 00 13 0e d0 00 00 00 00 00 02 1f 08 00 02 00 00 00",
 "b2-ironrdp-failure-6": "03 00 00 13 0e d0 00 00 00 00 00 03 00 08 00 06 00 00 00",
 "b3-spec-srcref-1234": "03 00 00 13 0e d0 00 00 12 34 00 02 00 08 00 01 00 00 00",
 "b4-failure-hybrid-required": "03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 05 00 00 00",
 "b5-legacy-cc": "03 00 00 0b 06 d0 00 00 12 34 00",
 "e3-dpu": "03 00 00 09 02 f0 80 21 80",
 "e3-dr": "03 00 00 0b 06 80 00 00 00 00 00",
 "oversize-tpkt": "03 00 ff ff 0e d0 00 00 12 34 00",
 "undersize-tpkt": "03 00 00 03 00 00 00",
 "tpdu-error": "03 00 00 0b 06 70 00 00 00 02 00",
}
C1 = h("""30 37 a0 03 02 01 60 a1 30 30 2e 30 2c a0 2a 04 28 4e 54 4c 4d 53 53 50 00 01 00 00 00 b7 82 08
e2 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0a 00 63 45 00 00 00 0f""")
C2 = h("""30 5b a0 03 02 01 06 a1 30 30 2e 30 2c a0 2a 04 28 4e 54 4c 4d 53 53 50 00 01 00 00 00 b7 82 08
e2 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 06 01 b1 1d 00 00 00 0f a5 22 04 20 22 10 12
ad 12 5c 7a 15 fe b6 4b 1f cb 94 83 3a c5 6f 66 4c f3 bc e7 54 8a 5d 9e 05 0a 46 91 db""")
C3 = h("""30 59 a0 03 02 01 06 a1 52 30 50 30 4e a0 4c 04 4a 60 48 06 06 2b 06 01 05 05 02 a0 3e 30 3c a0
0e 30 0c 06 0a 2b 06 01 04 01 82 37 02 02 0a a2 2a 04 28 4e 54 4c 4d 53 53 50 00 01 00 00 00 b7
82 08 e2 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0a 00 63 45 00 00 00 0f""")
D1 = h("""30 82 01 02 a0 03 02 01 06 a1 81 fa 30 81 f7 30 81 f4 a0 81 f1 04 81 ee 4e 54 4c 4d 53 53 50 00
02 00 00 00 1e 00 1e 00 38 00 00 00 35 82 8a e2 6e 80 3b b7 f8 b9 f6 5c 00 00 00 00 00 00 00 00
98 00 98 00 56 00 00 00 0a 00 ab 3f 00 00 00 0f 44 00 45 00 53 00 4b 00 54 00 4f 00 50 00 2d 00
4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 02 00 1e 00 44 00 45 00 53 00 4b 00 54 00 4f 00 50 00
2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 01 00 1e 00 44 00 45 00 53 00 4b 00 54 00 4f 00
50 00 2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 04 00 1e 00 44 00 45 00 53 00 4b 00 54 00
4f 00 50 00 2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 03 00 1e 00 44 00 45 00 53 00 4b 00
54 00 4f 00 50 00 2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 07 00 08 00 75 c6 84 56 d7 d8
d4 01 00 00 00 00""")
D2 = h("""30 81 b8 a0 03 02 01 06 a1 81 8c 30 81 89 30 81 86 a0 81 83 04 81 80 4e 54 4c 4d 53 53 50 00 02
00 00 00 08 00 08 00 38 00 00 00 b7 82 88 e2 c8 6f 7d 24 d5 b0 65 65 00 00 00 00 00 00 00 00 40
00 40 00 40 00 00 00 06 01 b1 1d 00 00 00 0f 56 00 47 00 50 00 43 00 02 00 08 00 56 00 47 00 50
00 43 00 01 00 08 00 56 00 47 00 50 00 43 00 04 00 08 00 56 00 47 00 50 00 43 00 03 00 08 00 56
00 47 00 50 00 43 00 07 00 08 00 80 26 00 e1 4a cf d4 01 00 00 00 00 a5 22 04 20 22 10 12 ad 12
5c 7a 15 fe b6 4b 1f cb 94 83 3a c5 6f 66 4c f3 bc e7 54 8a 5d 9e 05 0a 46 91 db""")
D3 = h("""4e 54 4c 4d 53 53 50 00 02 00 00 00 0c 00 0c 00 38 00 00 00 33 82 8a e2 01 23 45 67 89 ab cd ef
00 00 00 00 00 00 00 00 24 00 24 00 44 00 00 00 06 00 70 17 00 00 00 0f 53 00 65 00 72 00 76 00
65 00 72 00 02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00 01 00 0c 00 53 00 65 00 72 00 76 00
65 00 72 00 00 00 00 00""")
D4 = h("""30 65 a0 03 02 01 06 a3 32 04 30 01 00 00 00 d8 b3 0c 7e 37 51 21 84 00 00 00 00 6c 47 c8 e3 02
59 92 19 d1 99 df bd 0f f5 71 61 3a df 74 03 ef fc a5 23 16 23 37 55 ff 91 20 d8 a4 06 02 04 c0
07 00 ea a5 22 04 20 f8 8d d4 b7 55 9a 94 e5 e8 7f 2b 2f 94 c2 38 58 a9 84 fc 07 69 7d f8 57 76
c9 57 a3 15 12 eb 32""")
D5 = h("30 0d a0 03 02 01 06 a4 06 02 04 c0 00 00 6d")

NTLM_OID = h("06 0a 2b 06 01 04 01 82 37 02 02 0a")
def neg_token_resp(token, state=1, mech=True):
    fields = tlv(0xA0, bytes([0x0A, 0x01, state]))
    if mech:
        fields += tlv(0xA1, NTLM_OID)
    if token is not None:
        fields += tlv(0xA2, tlv(0x04, token))
    return tlv(0xA1, tlv(0x30, fields))
def ts_request(version, token):
    return tlv(0x30, tlv(0xA0, bytes([2, 1, version])) + tlv(0xA1, tlv(0x30, tlv(0x30, tlv(0xA0, tlv(0x04, token))))))

D1_NTLM = D1[0x18:]
D2_NTLM = D2[0x17:0x17 + 0x80]
C1_NTLM = C1[0x11:0x11 + 0x28]
C3_SPNEGO = C3[0x11:0x11 + 0x4a]
SPNEGO_D3 = neg_token_resp(D3)
# nmap-style fallback: the CHALLENGE inside a wrapper the decoder does not understand
WRAPPED_D3 = b"\xde\xad\xbe\xef" + D3

TS = {"c1-nmap-v96": C1, "c2-sspi-nonce": C2, "c3-spnego-init": C3, "d1-windows10": D1, "d2-sspi-challenge": D2,
      "d4-errorcode-pubkeyauth": D4, "d5-logon-failure": D5, "spnego-d3": ts_request(6, SPNEGO_D3),
      "wrapped-d3": ts_request(6, WRAPPED_D3), "oversize-der": h("30 84 7f ff ff ff 02 01")}

F1 = h("ff ff ff ff 04 00 0a 01 00 00 00 42 04 d0 04 d0 d2 35 ac 43 89 41 42 da b1 0e dd 68 87 f7 f9 fb") + bytes(1232 - 32)
F2 = h("00 00 00 42 04 00 00 05 00 00 00 42 04 d0 04 d0") + bytes(1232 - 16)
F3_REQ = h("00 00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00")
F3_RSP = h("00 00 00 00 00 40 00 05 fb 6d 06 e8 04 d0 04 d0") + bytes(1232 - 16)
F4 = h("ff ff ff ff 00 40 10 01 12 34 56 78 04 d0 04 d0 00 01 00 02")
F4_V3 = h("ff ff ff ff 00 40 10 01 12 34 56 78 04 d0 04 d0 00 01 01 01") + bytes(range(32))
SYNACK_EX = h("12 34 56 78 00 40 10 05 00 00 00 07 04 d0 04 8c 00 01 00 02")

def write(cls, method, seeds):
    d = os.path.join(f"{cls}Inputs", method)
    os.makedirs(d, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(d, "seed-" + name), "wb") as f:
            f.write(data if isinstance(data, bytes) else h(data))

x224_all = {**{k: h(v) for k, v in A.items()}, **{k: h(v) for k, v in B.items()}}
write("X224FuzzTest", "tpktFrameLength", x224_all)
write("X224FuzzTest", "connectionRequest", {k: h(v) for k, v in A.items()})
write("X224FuzzTest", "serverX224Pdu", {k: h(v) for k, v in B.items()})
write("CredSspFuzzTest", "derFraming", TS)
write("CredSspFuzzTest", "tsRequest", TS)
write("CredSspFuzzTest", "readServerAnswer", TS)
EMPTY_TOKEN = ts_request(6, b"")
write("CredSspFuzzTest", "readClientRequest", {"c1-nmap-v96": C1, "c2-sspi-nonce": C2, "c3-spnego-init": C3,
                                               "empty-negotoken": EMPTY_TOKEN})
write("CredSspFuzzTest", "readServerAnswer", {"empty-negotoken": EMPTY_TOKEN})
write("CredSspFuzzTest", "negTokenResp", {"spnego-d3": SPNEGO_D3, "spnego-d1": neg_token_resp(D1_NTLM),
                                           "reject": neg_token_resp(None, 2, False)})
write("CredSspFuzzTest", "negTokenInit", {"c3-spnego-init": C3_SPNEGO, "bare-a0": C3_SPNEGO[0x0a:]})
write("NtlmFuzzTest", "ntlmChallenge", {"d1-windows10": D1_NTLM, "d2-sspi": D2_NTLM, "d3-spec": D3})
write("NtlmFuzzTest", "ntlmNegotiate", {"c1-nmap": C1_NTLM, "c2-sspi": C2[0x11:0x11 + 0x28]})
write("RdpeudpFuzzTest", "synAckDatagram", {"f2-spec": F2, "f3-windows": F3_RSP, "synex-v2": SYNACK_EX})
write("RdpeudpFuzzTest", "synDatagram", {"f1-spec": F1, "f3-request": F3_REQ, "f4-synex-v2": F4, "synex-v3-cookie": F4_V3})
