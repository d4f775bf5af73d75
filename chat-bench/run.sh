#!/usr/bin/env bash
# Builds the server and the bench, then runs the given scenarios (default: all four).
#   chat-bench/run.sh [open-100x6 | open-10x50 | closed-100x6 | idle-10000 | all | open-RxM@rate ...]
# Settings go in BENCH_OPTS as system properties, e.g. BENCH_OPTS="-Dbench.duration=30 -Dbench.jfr=/tmp/s.jfr".
# SKIP_BUILD=1 runs the jars already in */target.
set -euo pipefail
cd "$(dirname "$0")/.."

java_version() { # major version of the java at $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1 | cut -d. -f1
}

# A JDK 21+ to run with: $JAVA_HOME if it is one, else the newest one under /usr/lib/jvm.
pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_version "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null \
      && [ -x "$JAVA_HOME/bin/jcmd" ]; then
    echo "$JAVA_HOME"; return
  fi
  local best="" best_version=0 dir v
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/jcmd" ] || continue
    v=$(java_version "$dir/bin/java")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_version" ]; then best=$dir; best_version=$v; fi
  done
  [ -n "$best" ] || { echo "No JDK 21+ found (set JAVA_HOME)" >&2; exit 1; }
  echo "$best"
}
JDK=$(pick_jdk)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -Pbench -pl adapter-javalin,chat-bench -am package -DskipTests
fi

# 10,000 sockets on each side: raise the open-file limit as far as allowed (the server inherits it).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "JDK $JDK, open files $(ulimit -n), $(nproc) cores, $(uptime)"

[ $# -gt 0 ] || set -- all
# shellcheck disable=SC2086
exec "$JDK/bin/java" ${BENCH_OPTS:-} -jar chat-bench/target/chat-bench.jar "$@"
