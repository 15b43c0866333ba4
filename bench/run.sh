#!/bin/sh
# Benchmark, not a test: a generated export of the given scale through the local run (embedded broker,
# in-process emulator) with Dataverse's service protection limits on, time-scaled. Prints records per second.
#   bench/run.sh [scale=10] [time-scale=60] [batch-size=100]
set -eu
SCALE=${1:-10}
TIME_SCALE=${2:-60}
BATCH=${3:-100}
cd "$(dirname "$0")/.."
OUT=target/bench/scale-$SCALE
# the local build: embedded broker, emulator and sample generator (src/emulator, src/sample) in target/classes
./mvnw -q -Plocal package -Dmaven.test.skip=true
rm -rf "$OUT"
mkdir -p "$OUT"
java -cp "target/classes:target/quarkus-app/lib/main/*" io.gpm2dv.sample.ExportGenerator --out "$OUT/export" --scale "$SCALE" > /dev/null
rc=0
# no emulator state file: rewriting it after every write would measure the disk, not the pipeline
java -Xmx2g -Dquarkus.profile=local -Dgensolve.export.dir="$OUT/export" -Dmigration.report-dir="$OUT/reports" \
  -Demulator.state-file= -Dquarkus.datasource.jdbc.url="jdbc:h2:file:./$OUT/ledger" \
  -Demulator.protection.enabled=true -Demulator.protection.time-scale="$TIME_SCALE" \
  -Ddataverse.batch-size="$BATCH" -Dmigration.phase-timeout=PT2H \
  -jar target/quarkus-app/quarkus-run.jar > "$OUT/run.log" 2>&1 || rc=$?
started=$(grep -m1 ' started: export ' "$OUT/run.log" | cut -c12-23)
ended=$(grep -m1 ' ended ' "$OUT/run.log" | cut -c12-23)
loaded=$(grep -E '^(sites|practitioners|organisations|referrers|clients|appointments|communications|notes|documents|unmapped-notes) ' "$OUT/run.log" | awk '{s += $5} END {print s}')
throttled=$(grep -c 'throttled' "$OUT/run.log" || true)
secs=$(awk -v a="$started" -v b="$ended" 'function t(x, p) {split(x, p, ":"); return p[1]*3600 + p[2]*60 + p[3]} BEGIN {printf "%.1f", t(b) - t(a)}')
grep -A24 '^Reconciliation' "$OUT/run.log" || true
echo "scale $SCALE, batch $BATCH, protection time-scale $TIME_SCALE: $loaded records loaded in $secs s" \
  "($(awk -v n="$loaded" -v s="$secs" 'BEGIN {printf "%.0f", n / s}') records/s), exit code $rc; log $OUT/run.log"
