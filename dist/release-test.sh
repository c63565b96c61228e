#!/usr/bin/env bash
# Checks the release build end to end (bin/test runs it; it takes well under two minutes once the
# modules are compiled): bin/release --skip-tests with a throwaway GPG key made here in a temporary
# GNUPGHOME (never committed, removed at the end with its agent), then
#   - target/dist/SHA256SUMS matches every file;
#   - java -jar rdp-probe-<version>.jar explain 0x904 0x7 works, its Class-Path is complete and the
#     BouncyCastle jars in lib/ are still signed (not shaded);
#   - the POSIX launcher keeps a class-data archive as bin/rdp-probe does (launcher-test.sh --dist);
#   - the POSIX launcher passes arguments through unchanged (quotes, runs of spaces, DOMAIN\user, glob
#     and shell characters, an empty argument): explain's error message quotes what Java received;
#     it finds Java through JAVA_HOME and the PATH, also when called through a symlink, says what to
#     install when there is no Java, and refuses a Java older than 17;
#   - the self-contained Linux archive runs `demo` and `explain` with no java on the PATH (checked:
#     `command -v java` fails there) and no JAVA_HOME (env -i), on its own trimmed runtime, and in that
#     C locale the report arrives in ASCII (arrows, bars), with no '?';
#   - dist/StagingCheck.java passes target/staging, and fails a copy of it with a missing signature, a
#     wrong checksum, a POM field removed and a SNAPSHOT dependency.
# The Windows launchers cannot run here; DistributionFilesTest (rdp-probe-cli) checks them statically. The
# container image is built and run only where a Docker engine answers (not on this project's machines,
# which have the docker client only); DistributionFilesTest checks the Dockerfile statically.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d)"
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
cleanup() {
    gpgconf --homedir "$GNUPGHOME" --kill all >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
failures=0 passed=0
fail() { echo "  FAILED: $*" >&2; failures=$((failures + 1)); }
pass() { passed=$((passed + 1)); }
check() { # check NAME COMMAND...: passes when the command succeeds
    local name="$1"
    shift
    if "$@" >"$work/out" 2>&1; then pass; else fail "$name: $(head -c 600 "$work/out")"; fi
}

echo "release test: throwaway GPG key in $GNUPGHOME"
gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key 'rdp-probe release test (throwaway) <release-test@rdp-probe.invalid>' ed25519 sign 1d 2>/dev/null
echo "release test: bin/release --skip-tests"
if ! bin/release --skip-tests >"$work/release.log" 2>&1; then
    tail -n 60 "$work/release.log" >&2
    echo "release test: bin/release failed (its output is above)" >&2
    exit 1
fi
version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -n 1)"
dist="$root/target/dist"
jar="$dist/rdp-probe-$version.jar"

echo "release test: checksums, runnable jar"
check "SHA256SUMS" sh -c "cd '$dist' && sha256sum --quiet -c SHA256SUMS"
for f in "rdp-probe-$version.jar" "rdp-probe-$version.zip" "rdp-probe-$version-linux-x64.tar.gz" rdp-probe rdp-probe.cmd rdp-probe.ps1; do
    grep -q "  $f\$" "$dist/SHA256SUMS" && pass || fail "SHA256SUMS does not list $f"
done
explain="$(java -jar "$jar" explain 0x904 0x7 2>&1)" || fail "java -jar explain 0x904 0x7 failed: $explain"
[[ "$explain" == *"Windows client error 0x904 / 0x7"* ]] && pass || fail "java -jar explain printed: ${explain:0:300}"
mkdir -p "$work/manifest"
(cd "$work/manifest" && jar xf "$jar" META-INF/MANIFEST.MF)
manifest="$(tr -d '\r' <"$work/manifest/META-INF/MANIFEST.MF" | awk '/^ /{ sub(/^ /, ""); line = line $0; next } { print line; line = $0 } END { print line }')"
classpath="$(sed -n 's/^Class-Path: //p' <<<"$manifest")"
missing=""
for entry in $classpath; do [ -f "$dist/$entry" ] || missing="$missing $entry"; done
[ -z "$missing" ] && [ -n "$classpath" ] && pass || fail "the jar's Class-Path names files not in lib/:$missing"
for bc in "$dist"/lib/bc*.jar; do
    entries="$(jar tf "$bc")"
    grep -q '^META-INF/[^/]*\.SF$' <<<"$entries" && pass || fail "$(basename "$bc") lost its signature"
done
zip_entries="$(jar tf "$dist/rdp-probe-$version.zip")"
for entry in "rdp-probe-$version/rdp-probe-$version.jar" "rdp-probe-$version/rdp-probe.cmd" "rdp-probe-$version/rdp-probe.ps1" \
    "rdp-probe-$version/rdp-probe" "rdp-probe-$version/lib/picocli-"; do
    grep -q "^$entry" <<<"$zip_entries" && pass || fail "the zip has no $entry"
done

echo "release test: POSIX launcher"
export XDG_CACHE_HOME="$work/cache" # its class-data archives, away from the user's
# passthrough ARG...: explain's error message must quote the odd argument exactly as given.
passthrough() {
    local odd="$1" rc=0
    "$launcher" explain 0x904 "$odd" >"$work/out" 2>"$work/err" </dev/null || rc=$?
    if [ "$rc" -eq 2 ] && grep -qF -- "'$odd' is not a code" "$work/err"; then pass; else
        fail "$name: [$odd] arrived as: rc $rc, $(head -c 300 "$work/err")"
    fi
}
mkdir -p "$work/links" "$work/nojava" "$work/oldjava/bin"
ln -s "$dist/rdp-probe" "$work/links/rdp-probe"
for launcher in "$dist/rdp-probe" "$work/links/rdp-probe"; do
    name="$launcher"
    passthrough 'DOMAIN\user'
    passthrough 'DOMAIN\user "quoted"  two  spaces'
    passthrough "it's"
    passthrough '*'
    passthrough '$HOME `id` ; & | > x'
    passthrough 'C:\Users\me\Work (copy).rdp'
    # An empty argument stays one: "explain '' 0x7" is an error, "explain 0x7" would explain 0x7.
    "$launcher" explain '' 0x7 >/dev/null 2>"$work/err" && fail "$name: an empty argument vanished" \
        || { grep -q 'a code is missing' "$work/err" && pass || fail "$name: empty argument: $(head -c 300 "$work/err")"; }
done
# The class-data archive on every JDK at hand: made in the background, mapped, a damaged, foreign or
# stale one ignored and replaced, an unwritable cache no obstacle (the checks bin/rdp-probe passes).
if bash rdp-probe-cli/src/test/launcher/launcher-test.sh --dist "$dist" >"$work/out" 2>&1; then pass; else
    fail "the launcher's class-data archive: $(grep -m 5 FAILED "$work/out")"
fi
real_java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
check "JAVA_HOME without java on the PATH" env -i PATH="$work/nojava" JAVA_HOME="$real_java_home" "$dist/rdp-probe" --version
check "java on the PATH" env -i PATH="$real_java_home/bin" "$dist/rdp-probe" --version
rc=0
env -i PATH="$work/nojava" "$dist/rdp-probe" --version >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] && grep -q 'needs Java 17 or newer' "$work/out" && grep -q 'apt-get install' "$work/out" && pass \
    || fail "no Java: rc $rc, $(head -c 300 "$work/out")"
printf '#!/bin/sh\necho '\''openjdk version "11.0.2" 2019-01-15'\'' >&2\n' >"$work/oldjava/bin/java"
chmod +x "$work/oldjava/bin/java"
rc=0
env -i PATH="$work/nojava" JAVA_HOME="$work/oldjava" "$dist/rdp-probe" --version >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] && grep -q 'is Java 11' "$work/out" && pass || fail "Java 11: rc $rc, $(head -c 300 "$work/out")"

echo "release test: self-contained Linux archive, no Java on the PATH, no JAVA_HOME"
tar -C "$work" -xzf "$dist/rdp-probe-$version-linux-x64.tar.gz"
app="$work/rdp-probe-$version-linux-x64"
mkdir -p "$work/coreutils" "$work/home"
for tool in cat ls uname head; do ln -s "$(command -v "$tool")" "$work/coreutils/$tool"; done
bare=(env -i PATH="$app:$work/coreutils" HOME="$work/home")
if "${bare[@]}" /bin/sh -c 'command -v java' >/dev/null 2>&1; then fail "java is on the bare PATH"; else pass; fi
modules="$("$app/runtime/bin/java" --list-modules | wc -l)"
# a full JDK 17 has some 70 modules; the trimmed runtime about 17 (java.desktop and java.sql for jackson-databind)
[ "$modules" -le 25 ] && pass || fail "the runtime has $modules modules; jlink did not trim it"
rc=0
"${bare[@]}" rdp-probe demo >"$work/demo" 2>&1 || rc=$?
[ "$rc" -eq 0 ] && grep -Eq '\b([0-9]+)/\1\b' "$work/demo" && grep -q 'CREDSSP_CLOSED' "$work/demo" && pass \
    || fail "demo on the bundled runtime: rc $rc, $(tail -c 400 "$work/demo")"
# env -i leaves no locale: the runtime writes US-ASCII, and the report must arrive in its ASCII forms.
if grep -q '[?]' "$work/demo"; then fail "demo in a C locale printed '?': $(grep -m 3 '[?]' "$work/demo")"; else pass; fi
grep -q ' -> ' "$work/demo" && grep -Eq '^  TCP_CONNECT +OK +[|] *=+ *[|]' "$work/demo" && pass || fail "demo in a C locale has no ASCII arrows or bars"
explain_bare="$("${bare[@]}" rdp-probe explain 0x904 0x7 2>&1)" || fail "explain on the bundled runtime failed: $explain_bare"
[[ "$explain_bare" == *"Windows client error 0x904 / 0x7"* ]] && pass || fail "explain on the bundled runtime: ${explain_bare:0:300}"

echo "release test: the staging check passes the staged library and fails a damaged copy"
check "StagingCheck on target/staging" java dist/StagingCheck.java target/staging
cp -r target/staging "$work/staging"
core="$(ls -d "$work"/staging/dev/rdpprobe/rdp-probe-core/*/)"
parent_pom="$(ls "$work"/staging/dev/rdpprobe/rdp-probe-parent/*/*.pom)"
rm "$(ls "$core"*-sources.jar.asc)"
echo 0123 >"$(ls "$core"*-javadoc.jar.sha1)"
sed -i 's|<developerConnection>.*</developerConnection>||' "$(ls "$work"/staging/dev/rdpprobe/rdp-probe-bom/*/*.pom)"
sed -i 's|<version>${jackson.version}</version>|<version>9.9-SNAPSHOT</version>|' "$parent_pom"
rc=0
java dist/StagingCheck.java "$work/staging" >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] && pass || fail "StagingCheck passed a damaged staging directory (rc $rc)"
for problem in "sources.jar: no GPG signature" "javadoc.jar: .sha1 says 0123" \
    "rdp-probe-bom-.*: the POM has no scm/developerConnection" "SNAPSHOT outside this build: .*jackson-core:9.9-SNAPSHOT" \
    "rdp-probe-parent-.*pom: the signature does not verify"; do
    grep -q -- "$problem" "$work/out" && pass || fail "StagingCheck did not report [$problem]: $(head -c 600 "$work/out")"
done

if command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; then
    echo "release test: container image (a Docker engine answers)"
    tag="rdp-probe-release-test:$$"
    if docker build -q -t "$tag" . >"$work/out" 2>&1; then
        image_explain="$(docker run --rm --network none "$tag" explain 0x904 0x7 2>&1)" || true
        [[ "$image_explain" == *"Windows client error 0x904 / 0x7"* ]] && pass || fail "the image's explain: ${image_explain:0:300}"
        [ "$(docker run --rm --entrypoint /usr/bin/id "$tag" -u)" = "10001" ] && pass || fail "the image does not run as user 10001"
        docker rmi -f "$tag" >/dev/null 2>&1 || true
    else
        fail "docker build: $(tail -c 600 "$work/out")"
    fi
else
    echo "release test: no Docker engine here (docker client only, or none): the image is not built;" \
        "DistributionFilesTest checks the Dockerfile statically"
fi

echo "release test: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
