# The base of every image of the project that runs Java: debian:bookworm-slim with a headless JRE 17, curl
# for health checks, and the unprivileged user (uid 1001, group 0) every image runs as. Built by
# containers/base-images as mcp-dr/java-runtime:17, so each image adds only its own files.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless curl ca-certificates \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /usr/share/doc/* /usr/share/man/* \
 && useradd --system --uid 1001 --gid 0 --home-dir /opt/mcp-dr --no-create-home --shell /usr/sbin/nologin mcpdr \
 && mkdir -p /opt/mcp-dr && chown 1001:0 /opt/mcp-dr
ENV LANG=C.UTF-8 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
LABEL org.opencontainers.image.title="mcp-dr/java-runtime" \
      org.opencontainers.image.description="MCP Bridge DR: the Java runtime its images start from" \
      org.opencontainers.image.base.name="debian:bookworm-slim"
