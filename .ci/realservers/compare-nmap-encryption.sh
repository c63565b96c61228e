#!/usr/bin/env bash
# Runs nmap's rdp-enum-encryption (7.93, forced past its port rule with "+") and rdp-probe
# --enumerate-security on every server of a servers.properties (start.sh DIR), and compares what
# both report: the RDP version, the Standard RDP Security encryption level, the encryption methods
# accepted one at a time, and the security layers. Loopback only (127.0.0.1).
#
# Usage: compare-nmap-encryption.sh DIR/servers.properties [OUT.md]
#   Prints a Markdown table (and writes it to OUT.md if given). Exit 1 if nmap and rdp-probe disagree on
#   the version, the level or the accepted methods of a server where both report them. Security layers
#   are compared too, but a disagreement there is reported, not fatal: nmap counts a layer as SUCCESS
#   whenever the server answers without RDP_NEG_FAILURE, even when it selected another protocol.
set -euo pipefail

die() { echo "compare-nmap-encryption.sh: $*" >&2; exit 2; }
[[ $# -ge 1 && -f "$1" ]] || die "usage: compare-nmap-encryption.sh DIR/servers.properties [OUT.md]"
command -v nmap >/dev/null || die "nmap not found (apt-get install nmap)"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
props=$1
out=${2:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/rdpprobe-nmap.XXXXXX")
trap 'rm -rf "$work"' EXIT

while IFS='=' read -r name port; do
  [[ "$name" =~ ^[a-z0-9.]+$ && "$port" =~ ^[0-9]+$ ]] || continue
  timeout 120 nmap -Pn -n -p "$port" --script +rdp-enum-encryption 127.0.0.1 >"$work/$name.nmap" 2>&1 || true
  timeout 120 "$root/bin/rdp-probe" "127.0.0.1:$port" --enumerate-security --no-udp --json >"$work/$name.json" 2>"$work/$name.err" || true
  echo "$name" >>"$work/names"
done <"$props"

python3 - "$work" "$out" <<'PY'
import json, os, re, sys
work, out = sys.argv[1], sys.argv[2]
LEVELS = {"None": "NONE", "Low": "LOW", "Client Compatible": "CLIENT_COMPATIBLE", "High": "HIGH", "FIPS Compliant": "FIPS"}
METHODS = {"40-bit RC4": "RC4_40BIT", "56-bit RC4": "RC4_56BIT", "128-bit RC4": "RC4_128BIT", "FIPS 140-1": "FIPS"}
VERSIONS = {"RDP 4.0 server": "RDP 4.0", "RDP 5.x, 6.x, 7.x, or 8.x server": "RDP 5.0–8.1"}
LAYERS = {"Native RDP": "RDP", "SSL": "SSL", "CredSSP (NLA)": "HYBRID", "CredSSP with Early User Auth": "HYBRID_EX", "RDSTLS": "RDSTLS"}
rows, fatal = [], []
for name in open(os.path.join(work, "names")).read().split():
    text = open(os.path.join(work, name + ".nmap")).read()
    n_level = next((LEVELS.get(m.group(1).strip(), m.group(1).strip()) for m in re.finditer(r"RDP Encryption level: (.+)", text)), None)
    n_methods = sorted(METHODS.get(m.group(1).strip(), m.group(1).strip())
                       for m in re.finditer(r"\|\s+(40-bit RC4|56-bit RC4|128-bit RC4|FIPS 140-1): SUCCESS", text))
    vm = re.search(r"RDP Protocol Version:\s+(.+)", text)
    n_version = None
    if vm:
        raw = vm.group(1).strip()
        n_version = VERSIONS.get(raw, re.sub(r"^RDP (10\.\d+) server$", r"RDP \1", raw))
    n_layers = sorted(LAYERS[m.group(1)] for m in re.finditer(r"\|\s+(Native RDP|SSL|CredSSP \(NLA\)|CredSSP with Early User Auth|RDSTLS): SUCCESS", text))
    n_error = "ERROR" in text and "rdp-enum-encryption" in text and n_version is None
    try:
        o = json.loads(open(os.path.join(work, name + ".json")).read().splitlines()[0])
    except Exception as e:
        rows.append((name, "rdp-probe gave no JSON: " + open(os.path.join(work, name + ".err")).read()[:200].replace("\n", " "), "", "", "", "", "", "", "", "", "no JSON"))
        fatal.append(name)
        continue
    s = o["server"]
    mcs = s.get("mcs")
    methods = s.get("encryptionMethods") or []
    p_methods = sorted(m["method"] for m in methods if m["accepted"] and m["method"] != "NONE")
    p_level = (mcs or {}).get("encryptionLevel") if mcs and not mcs["insideTls"] else None
    if p_level is None:
        p_level = next((m["level"] for m in methods if m["level"]), None)
    p_version = (mcs or {}).get("serverVersion", {}) or {}
    p_version = p_version.get("name")
    p_layers = sorted(l["protocol"] for l in (s.get("securityLayers") or []) if l["accepted"])
    # where nmap and rdp-probe both report a value, it must agree
    disagree = []
    if n_level and p_level and n_level != p_level:
        disagree.append("level")
    if n_level and n_methods != p_methods:
        disagree.append("methods")
    if n_version and p_version and n_version != p_version:
        disagree.append("version")
    if disagree:
        fatal.append(name + " (" + ", ".join(disagree) + ")")
    nmap_wrong = [l for l in n_layers if l not in p_layers]
    rows.append((name, n_version or ("nmap error" if n_error else "-"), p_version or "-", n_level or "-", p_level or "-",
                 ",".join(n_methods) or "-", ",".join(p_methods) or "-", ",".join(n_layers) or "-",
                 ",".join(p_layers) or "-", ",".join(nmap_wrong) or "-", "DISAGREE: " + ", ".join(disagree) if disagree else "agree"))
head = ("server", "nmap version", "rdp-probe version", "nmap level", "rdp-probe level", "nmap methods", "rdp-probe methods",
        "nmap layers SUCCESS", "rdp-probe layers accepted", "nmap SUCCESS, server selected another", "verdict")
lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
lines += ["| " + " | ".join(r) + " |" for r in rows]
table = "\n".join(lines)
print(table)
if out:
    open(out, "w").write(table + "\n")
if fatal:
    print("\ncompare-nmap-encryption.sh: nmap and rdp-probe disagree on: " + "; ".join(fatal), file=sys.stderr)
    sys.exit(1)
PY
