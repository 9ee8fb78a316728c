#!/usr/bin/env bash
# Cold starts of the Lambda functions, measured on this machine: for each function a fresh `java` process shaped like
# the java25 runtime's launch (class path = the deployment zip's lib/*.jar plus the runtime's event serialization,
# JAVA_TOOL_OPTIONS as template.yaml sets them, serial GC, heap 85% of the function's memory, one CPU), which
# constructs the handler (INIT) and invokes it once cold and once warm:
#   - the scan worker with a real scan task (TPC-H lineitem, SF 0.01, local Parquet) captured from the coordinator;
#   - the API with a recorded HTTP API event, GET /openapi.yaml.
# Prints each run's numbers and the zips' sizes. Numbers, not a test: nothing here asserts a time.
#
#   infra/coldstart.sh [--runs N] [--no-build] [--cpus LIST]
#
# --no-build reuses infra/target (the zips and target/coldstart/scan-task.json from a previous build); otherwise
# `./mvnw -pl infra -am verify` builds them and runs LambdaZipsIT, which writes the scan task.
set -euo pipefail

runs=3
build=true
cpus=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    --cpus) cpus="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$infra")"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if ! "$java_home/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
  echo "coldstart.sh needs JDK 25 (the java25 runtime's Java): set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME="$java_home"

if [[ "$build" == true ]]; then
  (cd "$root" && ./mvnw -B -q -pl infra -am verify -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LambdaZipsIT)
fi
worker_zip="$infra/target/trawl-scan-worker-lambda.zip"
api_zip="$infra/target/trawl-api-lambda.zip"
task="$infra/target/coldstart/scan-task.json"
event="$infra/src/test/resources/events/http-api-v2-get-openapi.json"
serialization="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/com/amazonaws/aws-lambda-java-serialization/1.4.1/aws-lambda-java-serialization-1.4.1.jar"
for file in "$worker_zip" "$api_zip" "$task" "$serialization"; do
  [[ -f "$file" ]] || { echo "missing $file: run without --no-build" >&2; exit 1; }
done

# what template.yaml gives every function
tool_options="$(sed -n 's/^ *JAVA_TOOL_OPTIONS: *"\(.*\)"$/\1/p' "$root/template.yaml")"
worker_memory="$(awk '/^  WorkerMemorySize:/{f=1} f && /Default:/{print $2; exit}' "$root/template.yaml")"
api_memory="$(awk '/^  ApiFunction:/{f=1} f && /MemorySize:/{print $2; exit}' "$root/template.yaml")"

work="$(mktemp -d "${TMPDIR:-/tmp}/trawl-coldstart-XXXXXX")"
trap 'rm -rf "$work"' EXIT
unzip -q "$worker_zip" -d "$work/worker"
unzip -q "$api_zip" -d "$work/api"
mkdir -p "$work/runtime" "$work/launcher" "$work/api-home"
cp "$serialization" "$work/runtime/"
"$JAVA_HOME/bin/javac" -nowarn -d "$work/launcher" -cp "$work/api/lib/*:$work/runtime/*" \
  "$infra/src/test/java/io/trawl/infra/coldstart/ColdStartLauncher.java"

pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c "$cpus")
fi

# one cold start: a clean environment like a function's, the zip's jars, the launcher
launch() {
  local name="$1" zip_dir="$2" memory_mb="$3" handler="$4" payload="$5"
  shift 5
  local heap_mb=$((memory_mb * 85 / 100))
  local start end line
  start=$(date +%s%N)
  line=$(env -i PATH="/usr/bin:/bin" HOME="$work" LANG=C.UTF-8 TZ=UTC AWS_REGION=us-east-1 \
      AWS_LAMBDA_FUNCTION_NAME="$name" AWS_LAMBDA_FUNCTION_MEMORY_SIZE="$memory_mb" \
      JAVA_TOOL_OPTIONS="$tool_options" "$@" \
      "${pin[@]}" "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xshare:auto -XX:MaxHeapSize="${heap_mb}m" \
      -cp "$zip_dir/lib/*:$work/runtime/*:$work/launcher" io.trawl.infra.coldstart.ColdStartLauncher "$handler" "$payload" 2>"$work/stderr") \
    || { cat "$work/stderr" >&2; return 1; }
  end=$(date +%s%N)
  echo "$name: process_ms=$(( (end - start) / 1000000 )) $line"
}

echo "JAVA_TOOL_OPTIONS=$tool_options; cpus ${pin[*]:-all}"
for run in $(seq 1 "$runs"); do
  launch trawl-scan-worker "$work/worker" "$worker_memory" io.trawl.scan.runtime.lambda.ScanWorkerHandler "$task"
  launch trawl-api "$work/api" "$api_memory" io.trawl.api.lambda.ApiGatewayHandler "$event" \
    TRAWL_HOME="$work/api-home/$run"
done

for zip in "$worker_zip" "$api_zip"; do
  jars=$(unzip -l "$zip" | grep -c '\.jar$')
  unpacked=$(unzip -l "$zip" | tail -1 | awk '{print $1}')
  printf '%s: %d bytes (%.1f MiB), %d jars, %.1f MiB unzipped (Lambda limits: 50 MB zipped for direct upload, 250 MB unzipped)\n' \
    "$(basename "$zip")" "$(stat -c %s "$zip")" "$(echo "$(stat -c %s "$zip") / 1048576" | bc -l)" "$jars" "$(echo "$unpacked / 1048576" | bc -l)"
done
