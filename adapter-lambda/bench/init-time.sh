#!/usr/bin/env bash
# Fresh-JVM start of each Lambda handler to its first answer, against dynalite, with and without the SnapStart
# priming hook; and the deployable jar's size and contents. A benchmark: it prints numbers and asserts nothing
# about them (it does fail if chat-lambda.jar carries the gateway's web server).
#
#   ./mvnw -B -pl adapter-lambda -am package -DskipTests     # builds target/chat-lambda.jar
#   adapter-lambda/bench/init-time.sh                          # RUNS=5 for more runs per cell
#
# Each cell is the median of RUNS fresh JVMs. JVM flags default to what a 1 GB Lambda function gets
# (SerialGC, C1 only); set JAVA_OPTS to change them. SnapStart itself cannot run here: "primed" runs the same
# priming code the checkpoint hook runs, before the first request, to show what it moves out of that request.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$here")
repo=$(dirname "$module")
runs=${RUNS:-3}
jar=$module/target/chat-lambda.jar
classes=$module/target/bench-classes
opts=${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx768m}

if [ ! -f "$jar" ]; then
  echo "No $jar: build it first with ./mvnw -B -pl adapter-lambda -am package -DskipTests" >&2
  exit 1
fi

java_bin=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -x "$candidate/bin/java" ] || continue
  major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then java_bin=$candidate/bin; break; fi
done
[ -n "$java_bin" ] || { echo "No JDK 21+ found (set JAVA_HOME)" >&2; exit 1; }

echo "== the deployable jar"
size=$(stat -c %s "$jar")
echo "chat-lambda.jar: $size bytes ($(awk "BEGIN {printf \"%.1f\", $size / 1048576}") MiB)"
if unzip -l "$jar" | grep -qE ' (io/javalin/|org/eclipse/jetty/|com/englishstudy/chat/lambda/gateway/)'; then
  echo "FAIL: chat-lambda.jar contains the local gateway or its web server" >&2
  exit 1
fi
echo "no Javalin, Jetty or gateway classes in it"

mkdir -p "$classes"
"$java_bin/javac" -q -cp "$jar" -d "$classes" "$here/InitTime.java" 2>/dev/null || "$java_bin/javac" -cp "$jar" -d "$classes" "$here/InitTime.java"

cli=$repo/node_modules/dynalite/cli.js
[ -f "$cli" ] || { echo "dynalite is missing: run npm ci at $repo" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
node "$cli" --host 127.0.0.1 --port "$port" --createTableMs 0 >/dev/null 2>&1 &
dynalite=$!
trap 'kill $dynalite 2>/dev/null || true' EXIT
for _ in $(seq 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

export DYNAMODB_ENDPOINT=http://127.0.0.1:$port
export CHAT_TABLE_NAME=bench-chat
export AWS_REGION_NAME=ap-northeast-2
export CURSOR_SECRET=bench-cursor-secret-0123456789
# Nothing the measured requests do broadcasts; port 9 (discard) is never called.
export WEBSOCKET_MANAGEMENT_ENDPOINT=http://127.0.0.1:9
DYNAMODB_CREATE_TABLE=true "$java_bin/java" -cp "$jar:$classes" InitTime ChatRoomHandler setup >/dev/null 2>&1

echo "== $("$java_bin/java" -version 2>&1 | head -1); flags: $opts; $runs runs per cell (median)"
results=$(mktemp)
for handler in ChatRoomHandler ChatMessageHandler ChatAIHandler ChatVoiceHandler \
               WebSocketConnectHandler WebSocketMessageHandler WebSocketDisconnectHandler; do
  for mode in plain primed; do
    for _ in $(seq "$runs"); do
      t0=$(date +%s%N)
      # shellcheck disable=SC2086
      line=$("$java_bin/java" $opts -cp "$jar:$classes" InitTime "$handler" "$mode" 2>/dev/null | grep '^ANSWER')
      t1=$(date +%s%N)
      echo "$line total=$(( (t1 - t0) / 1000000 ))" >> "$results"
    done
  done
done

awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ");
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : int((a[n / 2] + a[n / 2 + 1]) / 2);
  }
  {
    key = $2 " " $3;
    if (!(key in seen)) { seen[key] = 1; order[++count] = key }
    for (i = 4; i <= NF; i++) { split($i, kv, "="); v[key, kv[1]] = v[key, kv[1]] " " kv[2]; last[key, kv[1]] = kv[2] }
  }
  END {
    printf "| %-27s | %-6s | %-10s | %-10s | %-8s | %-9s | %-9s | %-9s | %-10s |\n", "handler", "mode", "start->1st", "CPU to 1st", "init", "priming", "1st req", "2nd req", "answer";
    printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "-----------------------------", "--------", "------------", "------------", "----------", "-----------", "-----------", "-----------", "------------";
    for (k = 1; k <= count; k++) {
      key = order[k]; split(key, hk, " ");
      printf "| %-27s | %-6s | %7d ms | %7d ms | %5d ms | %6d ms | %6d ms | %6d ms | %-10s |\n", hk[1], hk[2],
        median(v[key, "total"]), median(v[key, "cpu"]), median(v[key, "init"]), median(v[key, "prime"]), median(v[key, "first"]),
        median(v[key, "second"]), substr(last[key, "answer"], 1, 10);
    }
  }' "$results"
echo
echo "start->1st: launching the JVM to the first answer, as the parent measures it (JVM boot + init + 1st request)."
echo "CPU to 1st: CPU time of all the JVM's threads up to the first answer (a 1 GB function has about 0.6 vCPU)."
echo "init: the handler's constructor, i.e. the composition root in static initialisation. priming: the hook's work."
rm -f "$results"
