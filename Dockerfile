# rdp-probe as a container image: the self-contained Linux x64 distribution (the command with its
# jlink-trimmed Java runtime, no JDK) on Debian 12 slim, run as an unprivileged user. Build it from
# the release build's archive (README "Install"):
#   bin/release && docker build -t rdp-probe .
#   docker run --rm rdp-probe explain 0x904 0x7
#   docker run --rm rdp-probe rds01.example.com --json
# The build context is only target/dist/rdp-probe-*-linux-x64.tar.gz (.dockerignore).

FROM debian:12-slim AS unpack
COPY target/dist/ /tmp/dist/
RUN mkdir /opt/rdp-probe \
    && tar -xzf /tmp/dist/rdp-probe-*-linux-x64.tar.gz -C /opt/rdp-probe --strip-components=1 \
    && /opt/rdp-probe/rdp-probe --version
# The class-data archive, made now (a training run against a fake server on the build's loopback) and
# read from this read-only cache by every container: no run pays for a training that its exit would cut.
RUN XDG_CACHE_HOME=/opt/rdp-probe/cache RDP_PROBE_CDS=now /opt/rdp-probe/rdp-probe --version

FROM debian:12-slim
RUN groupadd --system --gid 10001 rdp-probe \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin rdp-probe
COPY --from=unpack /opt/rdp-probe /opt/rdp-probe
ENV LANG=C.UTF-8 XDG_CACHE_HOME=/opt/rdp-probe/cache
USER 10001:10001
ENTRYPOINT ["/opt/rdp-probe/rdp-probe"]
CMD ["--help"]
