#!/usr/bin/env bash
# Checks the class-data archive of bin/rdp-probe (or of the release's launcher) on every JDK at hand (java on the PATH, and one JDK per
# feature release 21+ under /usr/lib/jvm): the first run prints exactly what a run without any archive
# prints and nothing else while the archive is made in the background; the archive is then mapped
# (-Xshare:on / -XX:AOTMode=on succeed); a damaged, foreign or stale archive never fails a run or
# prints a word, and is replaced; a cache that cannot be written is no obstacle. bin/test runs it after
# the build (it needs rdp-probe-cli/target/rdp-probe-cli-*-all.jar); it touches the jar's mtime.
#
#   launcher-test.sh              bin/rdp-probe and rdp-probe-cli/target/rdp-probe-cli-*-all.jar
#   launcher-test.sh --dist DIR   the release's POSIX launcher DIR/rdp-probe and DIR/rdp-probe-*.jar (with
#                                 DIR/lib), as dist/release-test.sh runs it; it touches that jar too
set -euo pipefail
cd "$(dirname "$0")/../../../.."
if [ "${1:-}" = --dist ]; then
    [ -d "${2:-}" ] || { echo "usage: launcher-test.sh [--dist DIR]" >&2; exit 2; }
    dist="$(cd "$2" && pwd)"
    launcher="$dist/rdp-probe"
    jar="$(ls "$dist"/rdp-probe-*.jar 2>/dev/null | head -n 1 || true)"
    unset JAVA_HOME # the release's launcher prefers it to the PATH, which picks the JDK here
else
    dist=""
    launcher="$PWD/bin/rdp-probe"
    jar="$(ls -t rdp-probe-cli/target/rdp-probe-cli-*-all.jar 2>/dev/null | head -n 1 || true)"
fi
[ -n "$jar" ] || { echo "launcher test: no jar for $launcher; build first" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0 passed=0

fail() { echo "  FAILED: $*" >&2; failures=$((failures + 1)); }
pass() { passed=$((passed + 1)); }

# run NAME EXPECTED_STDOUT ARGS...: the launcher must exit 0, print EXPECTED_STDOUT and nothing on stderr.
run() {
    local name="$1" expected="$2"
    shift 2
    local rc=0
    "$launcher" "$@" >"$work/out" 2>"$work/err" </dev/null || rc=$?
    if [ "$rc" -ne 0 ]; then fail "$name: exit $rc; stderr: $(head -c 400 "$work/err")"; return; fi
    if [ -s "$work/err" ]; then fail "$name: printed on stderr: $(head -c 400 "$work/err")"; return; fi
    if [ "$(cat "$work/out")" != "$expected" ]; then fail "$name: stdout differs: $(head -c 400 "$work/out")"; return; fi
    pass
}

# uses_archive NAME: the command's own classes come from the archive, not from the jar.
uses_archive() {
    RDP_PROBE_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes" "$launcher" --version >/dev/null 2>&1 || true
    if grep -q 'dev.rdpprobe.cli.RdpProbeCommand source: shared objects file' "$work/classes" 2>/dev/null; then
        pass
    else
        fail "$1: RdpProbeCommand was not loaded from the archive: $(grep 'RdpProbeCommand ' "$work/classes" 2>/dev/null | head -c 300)"
    fi
}

archives() { ls "$XDG_CACHE_HOME"/rdp-probe/rdp-probe-*."$ext" 2>/dev/null || true; }

# Waits until the background maker is done (no lock) and an archive newer than the jar exists (after the
# jar changed: bin/rdp-probe names the new archive anew, the release launcher may give it the old name).
wait_for_fresh_archive() {
    local i
    for ((i = 0; i < 1200; i++)); do
        if ! ls -d "$XDG_CACHE_HOME"/rdp-probe/*.lock >/dev/null 2>&1 \
            && [ -n "$(find "$XDG_CACHE_HOME"/rdp-probe -name "rdp-probe-*.$ext" -newer "$jar" 2>/dev/null)" ]; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# Waits until the background maker is done (no lock) and an archive exists.
wait_for_archive() {
    local i
    for ((i = 0; i < 1200; i++)); do
        if ! ls -d "$XDG_CACHE_HOME"/rdp-probe/*.lock >/dev/null 2>&1 && [ -n "$(archives)" ]; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
default_major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "${jdks[0]}/release" 2>/dev/null || true)"
seen=" $default_major "
for dir in /usr/lib/jvm/*; do
    [ -L "$dir" ] || [ ! -x "$dir/bin/java" ] && continue
    major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release" 2>/dev/null || true)"
    [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -ne 24 ] && [[ "$seen" != *" $major "* ]] || continue
    seen="$seen$major "
    jdks+=("$dir")
done

for jdk in "${jdks[@]}"; do
    major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")"
    if [ "$major" -ge 25 ]; then ext=aot mapped=-XX:AOTMode=on; else ext=jsa mapped=-Xshare:on; fi
    echo "launcher test: JDK $major ($jdk), archive .$ext"
    export PATH="$jdk/bin:$PATH" XDG_CACHE_HOME="$work/cache-$major"
    mkdir -p "$XDG_CACHE_HOME"
    version="$(RDP_PROBE_CDS=off "$launcher" --version)"
    explain="$(RDP_PROBE_CDS=off "$launcher" explain 0x904 0x7)"

    run "first run, no archive yet" "$version" --version
    if wait_for_archive; then pass; else fail "JDK $major: no archive was made within 120 s of the first run"; continue; fi
    archive="$(archives)"
    run "with the archive" "$version" --version
    run "explain with the archive" "$explain" explain 0x904 0x7
    RDP_PROBE_JAVA_OPTS="$mapped" run "the archive maps ($mapped)" "$version" --version
    uses_archive "the archive is used"

    head -c 1000000 "$archive" >"$work/damaged" && rm -f "$archive" && mv "$work/damaged" "$archive"
    run "damaged (truncated) archive" "$version" --version
    [ -e "$archive" ] && fail "the damaged archive is still there" || pass
    wait_for_archive && pass || fail "no archive made again after the damaged one"

    archive="$(archives)"
    size="$(stat -c %s "$archive")"
    rm -f "$archive" && head -c "$size" /dev/urandom >"$archive"
    run "foreign archive of the right name and size" "$version" --version
    rm -f "$archive"
    RDP_PROBE_CDS=now run "RDP_PROBE_CDS=now makes it in the foreground" "$version" --version
    [ -n "$(archives)" ] && pass || fail "RDP_PROBE_CDS=now made no archive"

    stale="$(archives)"
    touch "$jar"
    run "stale archive (the jar changed)" "$version" --version
    wait_for_fresh_archive && pass || fail "no new archive for the changed jar (the stale one: $stale)"
    RDP_PROBE_JAVA_OPTS="$mapped" run "the new archive maps" "$version" --version
    uses_archive "the new archive is used"

    XDG_CACHE_HOME=/proc/no-such-dir run "cache that cannot be written" "$version" --version
done

# A pom edit that changes no class: the launcher builds once, and the next run does not build again
# (Maven leaves an up-to-date jar untouched; the launcher must still count it as built).
if [ -n "$dist" ]; then
    echo "launcher test ($launcher): $passed passed, $failures failed"
    [ "$failures" -eq 0 ]
    exit
fi
touch pom.xml
"$launcher" --version >/dev/null 2>"$work/err" </dev/null || fail "the build after a pom edit failed: $(head -c 400 "$work/err")"
grep -q "building the command" "$work/err" && pass || fail "a pom edit did not make the launcher build"
run "no second build after a pom edit" "$("$launcher" --version 2>/dev/null)" --version

echo "launcher test: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
