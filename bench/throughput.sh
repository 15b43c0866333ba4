#!/bin/sh
# Benchmark, not a test: how close the migration comes to the service-protection budget of N Dataverse application
# users. A generated export goes through the local run (H2 ledger) into the STANDALONE emulator, a process of its own
# (-Dquarkus.profile=emulator) with service protection on, exactly as against a real environment. The Kafka broker
# is the local build's embedded one, started as a process of its own too (io.gpm2dv.local.EmbeddedKafkaBroker), so
# the app's heap figures are the migration's, as in production where the cluster is elsewhere: inside the app's JVM
# the broker's own state (its log segments, indexes and metrics) grows with the data it holds.
#
#   bench/throughput.sh [users=1] [scale=40] [time-scale=0.5] [batch-size=100]
#
# users       application users: the emulator registers bench-1..bench-N (emulator.clients) and the app is given
#             dataverse.client-id=bench-1,…,bench-N and dataverse.client-secret=secret-1,…,secret-N (issue 12).
# scale       ExportGenerator --scale: 150 clients a unit. 40 = 6,000 clients, the issue's "large export" (6,000
#             clients, 1,000 referrers, 1,200 organisations, 300 sites, 800 practitioners). The generator scales
#             clients (with their appointments, communications, notes, documents and invoices) only; its directory is
#             fixed: 4 sites, 12 practitioners, 40 referrers, 25 organisations at every scale (README, Benchmark).
# time-scale  emulator.protection.time-scale (modelled time ÷ wall time), see below.
# batch-size  dataverse.batch-size (records per bulk request).
# BENCH_APP_OPTS (environment): extra JVM options for the app, e.g. to log in gpm2dv.log, per 429, what the pacing
#             believed: BENCH_APP_OPTS='-Dquarkus.log.category."io.gpm2dv.dataverse".level=DEBUG' bench/throughput.sh 3 4
# BENCH_H2_OPTS (environment): appended to the H2 ledger's URL, e.g. ';CACHE_SIZE=2048' to cap its page cache at
#             2 MB and see what of the live heap is that cache (README, Benchmark: Memory)
# BENCH_OLD_OBJECTS=1 (environment): also record JFR's old-object samples (settings=default, about 1 % overhead) and
#             dump them, with their paths to the GC roots, at the end of the load: old-objects.jfr, and what holds the
#             sampled byte arrays summarised in old-objects.txt (who keeps the heap that grows with the export)
#
# Service protection (per application user, as Dataverse counts per user; API §7):
# - Dataverse's real RATES with the window shortened from 300 s to 30 s: 600 requests and 120,000 ms of execution
#   time per 30 s (= 6,000 and 1,200,000 per 300 s: 20 requests/s and 4 s of execution per second), 52 concurrent.
#   With a 300 s window a 10k-record export fits into the first window's allowance and never meets the limit; with
#   30 s a run of a few minutes is in the steady state a multi-hour migration is in.
# - Cost: 100 ms a request + 25 ms a record (emulator.protection.cost-base-ms / cost-per-record-ms), so a bulk write
#   of 100 contacts costs 2.6 s and a single create 125 ms; cost-as-latency on, so a request also takes that long
#   (÷ time-scale), and a client can only spend the budget by keeping about 2 requests in flight per user.
# - time-scale 0.5: modelled time runs at half the wall clock (the 30 s window lasts 60 s; a 2.6 s bulk request takes
#   5.2 s). Then one user's budget is about 2,000 ms ÷ 26 ms ≈ 75 bulk records per wall second, and three users'
#   ≈ 230 records/s: below the ~276 records/s this 2-core machine's pipeline managed with the limits out of the way
#   (README, Benchmark), so the 3-user figure still measures the budget and the client, not the CPU. At time-scale 1
#   three users could take ≈ 460 records/s, more than the pipeline gives.
#
# Prints: records written, wall seconds of the load (from the run log's " started: export " line to its first
# "Dataverse application user" line, printed when every object is in, before reconciliation and read-back; the
# emulator's totals are taken at that moment), records/s, the fraction of the execution-time budget used, the best possible time (the larger of
# executionMsTotal ÷ execution rate and requestsTotal ÷ request rate, over all users, in wall seconds) and ours as a
# multiple of it, issue 12's records-only yardstick (records written × a record's share of a bulk write's cost ÷ the
# execution rate: the load's other requests, reads before writes, state updates and uploads, are not in it), the 429s the emulator answered, the time the app lost waiting (sum of its per-user "waited" lines;
# n/a while the app does not log them), the largest heap after a GC (-Xlog:gc), the live heap at the end of the load
# (jcmd GC.class_histogram forces a full GC; the histogram is kept) for the "10× export uses no more heap than 1×"
# check, and a timeline of the users' windows and requests in flight (sampled from the emulator every second). The app
# is told the budget in wall time (dataverse.protection.*), so its pacing meets the emulator's.
# Everything lands in target/bench/throughput-<users>u-<scale>/.
set -eu
USERS=${1:-1}
SCALE=${2:-40}
TIME_SCALE=${3:-0.5}
BATCH=${4:-100}
WINDOW_S=30
REQUESTS=600
EXECUTION_MS=120000
CONCURRENT=52
COST_BASE_MS=100
COST_PER_RECORD_MS=25
EMULATOR_PORT=${BENCH_EMULATOR_PORT:-18391}
APP_PORT=${BENCH_APP_PORT:-18392}
cd "$(dirname "$0")/.."
OUT=target/bench/throughput-${USERS}u-$SCALE
./mvnw -q -Plocal package -Dmaven.test.skip=true
rm -rf "$OUT"
mkdir -p "$OUT"
java -cp "target/classes:target/quarkus-app/lib/main/*" io.gpm2dv.sample.ExportGenerator --out "$OUT/export" --scale "$SCALE" > /dev/null

clients= ids= secrets=
i=1
while [ "$i" -le "$USERS" ]; do
  clients="$clients${clients:+,}bench-$i:secret-$i"
  ids="$ids${ids:+,}bench-$i"
  secrets="$secrets${secrets:+,}secret-$i"
  i=$((i + 1))
done

# the emulator as the local run seeds it (%local.emulator.*: empty org, the sample users), no state file. The
# emulator profile never connects to Kafka; naming a cluster stops the local build's main from starting a broker.
java -Xmx1g -Dquarkus.profile=emulator -Dquarkus.http.port="$EMULATOR_PORT" -Dkafka.bootstrap.servers=localhost:1 \
  -Demulator.empty-org=true -Demulator.users-file=src/main/sample/dataverse-users.json -Demulator.state-file= \
  -Demulator.clients="$clients" \
  -Demulator.protection.enabled=true -Demulator.protection.window-seconds=$WINDOW_S \
  -Demulator.protection.requests-per-window=$REQUESTS -Demulator.protection.execution-time-ms-per-window=$EXECUTION_MS \
  -Demulator.protection.concurrent-requests=$CONCURRENT -Demulator.protection.cost-base-ms=$COST_BASE_MS \
  -Demulator.protection.cost-per-record-ms=$COST_PER_RECORD_MS -Demulator.protection.time-scale="$TIME_SCALE" \
  -Demulator.protection.cost-as-latency=true -Dquarkus.log.file.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar > "$OUT/emulator.log" 2>&1 &
emulator=$!
java -Xmx1g -cp "target/classes:target/quarkus-app/lib/main/*" io.gpm2dv.local.EmbeddedKafkaBroker > "$OUT/broker.log" 2>&1 &
broker=$!
trap 'kill "$emulator" "$broker" 2>/dev/null || true' EXIT INT TERM

# await <pid> <name> <log> <command…>: until the command succeeds, as long as the process lives (at most 2 minutes)
await() {
  pid=$1 name=$2 log=$3
  shift 3
  tries=0
  until "$@" > /dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 240 ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "the $name did not start; see $log" >&2
      exit 1
    fi
    sleep 0.5
  done
}
await "$broker" "Kafka broker" "$OUT/broker.log" grep -q '^bootstrap.servers=' "$OUT/broker.log"
BOOTSTRAP=$(sed -n 's/^bootstrap.servers=//p' "$OUT/broker.log" | head -1)
await "$emulator" emulator "$OUT/emulator.log" curl -sf "http://localhost:$EMULATOR_PORT/emulator/protection"

# the emulator's view once a second (each user's window and requests in flight), for the timeline printed at the end
( while kill -0 "$emulator" 2>/dev/null; do
    curl -sf "http://localhost:$EMULATOR_PORT/emulator/protection" >> "$OUT/samples.jsonl" && echo >> "$OUT/samples.jsonl"
    sleep 1
  done ) &
sampler=$!

# the end of the load is the app's first per-user line (printed once every object is in, before the reconciliation
# and the read-back verification): the emulator's totals are taken at that moment, so both sides measure the load
# (then the app is stopped: the reconciliation and read-back that follow are not what this measures; the local run
# and bench/run.sh do them)
( until grep -q 'Dataverse application user ' "$OUT/run.log" 2>/dev/null; do sleep 0.2; done
  curl -sf "http://localhost:$EMULATOR_PORT/emulator/protection" > "$OUT/protection-load.json"
  # what the run keeps at the end of the load: a class histogram forces a full GC, so its total is the live heap
  app=$(pgrep -f "gc:file=$OUT/gc.log" | head -1)
  [ -n "$app" ] && jcmd "$app" GC.class_histogram > "$OUT/histogram.txt" 2>/dev/null
  [ -n "$app" ] && [ "${BENCH_OLD_OBJECTS:-0}" = 1 ] \
    && jcmd "$app" JFR.dump name=old filename="$PWD/$OUT/old-objects.jfr" path-to-gc-roots=true > /dev/null 2>&1
  pkill -f "gc:file=$OUT/gc.log" || true ) &
watcher=$!
# the app is told the budget it meets, in wall time (its pacing counts Dataverse's answer times, which the emulator
# stretches by 1 / time-scale): the 30 s window lasts WINDOW_S / time-scale, and so does its execution time
APP_WINDOW_S=$(awk -v w="$WINDOW_S" -v t="$TIME_SCALE" 'BEGIN { printf "%.3f", w / t }')
APP_EXECUTION_S=$(awk -v e="$EXECUTION_MS" -v t="$TIME_SCALE" 'BEGIN { printf "%.3f", e / 1000 / t }')
JFR_OPTS=
[ "${BENCH_OLD_OBJECTS:-0}" = 1 ] && JFR_OPTS='-XX:StartFlightRecording=name=old,settings=default -XX:FlightRecorderOptions=old-object-queue-size=1024'
rc=0
# shellcheck disable=SC2086 # BENCH_APP_OPTS: extra JVM options for the app, e.g. a debug log category
java -Xmx2g -Xlog:gc:file="$OUT/gc.log" $JFR_OPTS ${BENCH_APP_OPTS:-} -Dquarkus.profile=local -Dquarkus.http.port="$APP_PORT" \
  -Demulator.enabled=false -Ddataverse.url="http://localhost:$EMULATOR_PORT" -Dkafka.bootstrap.servers="$BOOTSTRAP" \
  -Ddataverse.token-url="http://localhost:$EMULATOR_PORT/bench-tenant/oauth2/v2.0/token" \
  -Ddataverse.client-id="$ids" -Ddataverse.client-secret="$secrets" \
  -Dgensolve.export.dir="$OUT/export" -Dmigration.report-dir="$OUT/reports" \
  -Dquarkus.log.file.path="$OUT/gpm2dv.log" -Dquarkus.datasource.jdbc.url="jdbc:h2:file:./$OUT/ledger${BENCH_H2_OPTS:-}" \
  -Ddataverse.protection.window="PT${APP_WINDOW_S}S" -Ddataverse.protection.execution-time="PT${APP_EXECUTION_S}S" \
  -Ddataverse.protection.requests="$REQUESTS" -Ddataverse.batch-size="$BATCH" -Dmigration.phase-timeout=PT4H \
  -jar target/quarkus-app/quarkus-run.jar > "$OUT/run.log" 2>&1 || rc=$?
kill "$watcher" "$sampler" 2>/dev/null || true
if [ -s "$OUT/protection-load.json" ]; then
  cp "$OUT/protection-load.json" "$OUT/protection.json"
else
  curl -sf "http://localhost:$EMULATOR_PORT/emulator/protection" > "$OUT/protection.json" || echo '{}' > "$OUT/protection.json"
fi
kill "$emulator" "$broker" 2>/dev/null || true
wait "$emulator" "$broker" 2>/dev/null || true
trap - EXIT INT TERM

# the "written" column of each object's done line (object, rows, written, skipped, dead-lettered, rate)
loaded=$(awk '$2 == "INFO" && $3 ~ /^[a-z-]+$/ && $4 ~ /^[0-9,]+$/ && $5 ~ /^[0-9,]+$/ && $NF ~ /\/s$/ {v = $5;
  gsub(",", "", v); s += v} END {print s + 0}' "$OUT/run.log")
grep -E '^[0-9:]+ INFO  [a-z-]+ +[0-9,]+ +[0-9,]+ ' "$OUT/run.log" || true
grep 'Dataverse application user ' "$OUT/run.log" | sed 's/^.*Dataverse application user /application user /' || true
python3 - "$OUT" "$USERS" "$SCALE" "$BATCH" "$rc" "$loaded" <<'EOF'
import json, re, sys
out, users, scale, batch, rc, loaded = sys.argv[1:]
users, loaded = int(users), int(loaded)
log = open(out + '/run.log', encoding='utf-8', errors='replace').read().splitlines()
def at(marker):
    """The time of day (s) of the first log line holding marker; the console shows HH:mm:ss, the file a full date."""
    for line in log:
        if marker in line:
            m = re.search(r'(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?', line)
            if m:
                return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3) + '.' + (m.group(4) or '0'))
    return None
started, ended = at(' started: export '), at('Dataverse application user ') or at(' ended ')
wall = ended - started if started is not None and ended is not None else None
if wall is not None and wall < 0:
    wall += 86400  # the load ran past midnight
p = json.load(open(out + '/protection.json'))
lim = p.get('limits', {})
callers = p.get('callers', {})
exec_ms = sum(c.get('executionMsTotal', 0) for c in callers.values())
requests = sum(c.get('requestsTotal', 0) for c in callers.values())
t429 = sum(c.get('throttledTotal', 0) for c in callers.values())
by = {k: sum(c.get('throttledByLimit', {}).get(k, 0) for c in callers.values()) for k in ('requests', 'time', 'concurrency')}
scale_t = lim.get('timeScale', 1.0)
window = lim.get('windowSeconds', 300)
exec_rate = lim.get('executionTimeMsPerWindow', 1) / window * scale_t   # modelled ms of budget per wall second, a user
req_rate = lim.get('requestsPerWindow', 1) / window * scale_t           # requests per wall second, a user
waited = [float(w) for w in re.findall(r'Dataverse application user .*?: \d+ requests, \d+ throttled \(429\), waited ([0-9.]+) s',
                                       '\n'.join(log))]
heap = 0.0
unit = {'K': 1 / 1024, 'M': 1, 'G': 1024}
for line in open(out + '/gc.log', encoding='utf-8', errors='replace'):
    m = re.search(r'(\d+)([KMG])->(\d+)([KMG])\(\d+[KMG]\)', line)
    if m:
        heap = max(heap, int(m.group(3)) * unit[m.group(4)])
print(f"users {users}, scale {scale}, batch {batch}, protection: {lim.get('requestsPerWindow')} requests and "
      f"{lim.get('executionTimeMsPerWindow')} ms per {window} s, {lim.get('concurrentRequests')} concurrent, cost "
      f"{lim.get('costBaseMs')} ms + {lim.get('costPerRecordMs')} ms/record, time-scale {scale_t}; exit code {rc}")
print(f"records written        {loaded}")
if wall is None or wall <= 0:
    print("wall seconds           n/a (no ' started: export ' / ' ended ' lines in the run log)")
else:
    best_exec = exec_ms / exec_rate / users
    best_req = requests / req_rate / users
    best = max(best_exec, best_req)
    print(f"wall seconds           {wall:.1f}")
    print(f"records per second     {loaded / wall:.1f}")
    print(f"execution budget used  {exec_ms / (exec_rate * wall * users):.1%} ({exec_ms} modelled ms admitted, "
          f"{requests} requests)")
    print(f"best possible time     {best:.1f} s ({'execution time' if best_exec >= best_req else 'request count'} "
          f"bound); ours is {wall / best:.2f}x" if best > 0 else "best possible time     n/a (nothing admitted)")
    # issue 12's own yardstick counts only the records: each written once in a bulk request of `batch`. The load
    # also reads ids before writing (before-images for rollback), sets states in a second request (statecode is not
    # valid on create) and uploads documents: the admitted time above counts those, this does not
    per_record = lim.get('costPerRecordMs', 0) + lim.get('costBaseMs', 0) / int(batch)
    if per_record > 0 and loaded > 0:
        yardstick = loaded * per_record / exec_rate / users
        print(f"records-only yardstick {yardstick:.1f} s (records written x {per_record:.0f} modelled ms, a record's "
              f"share of a bulk write, / the budget rate); ours is {wall / yardstick:.2f}x")
print(f"429s received          {t429} (requests {by['requests']}, time {by['time']}, concurrency {by['concurrency']})")
print(f"time lost waiting      {sum(waited):.1f} s" if waited else "time lost waiting      n/a (no 'Dataverse application user' lines in the run log)")
print(f"largest heap after GC  {heap:.0f} MB (young collections count old garbage not yet collected)" if heap
      else "largest heap after GC  n/a")
live = None
try:
    for line in open(out + '/histogram.txt', encoding='utf-8', errors='replace'):
        m = re.match(r'\s*Total\s+\d+\s+(\d+)', line)
        if m:
            live = int(m.group(1)) / 1024 / 1024
except OSError:
    pass
print(f"live heap at end of load {live:.0f} MB (after a full GC; top classes in {out}/histogram.txt)" if live
      else "live heap at end of load n/a")
# the timeline: per 10 s of the load, the share of the users' execution budget their windows held and the requests in
# flight (all users); a window below its budget while the load runs is budget not used
samples = []
for line in open(out + '/samples.jsonl', encoding='utf-8', errors='replace'):
    line = line.strip()
    if line:
        try:
            samples.append(json.loads(line))
        except ValueError:
            pass
end_since = p.get('since')
if samples and wall and end_since:
    start_since = end_since - wall * 1000
    budget = lim.get('executionTimeMsPerWindow', 1) * users
    rows = {}
    for s in samples:
        t = (s.get('since', 0) - start_since) / 1000
        if 0 <= t <= wall:
            cs = s.get('callers', {}).values()
            rows.setdefault(int(t // 10), []).append((sum(c.get('executionMs', 0) for c in cs) / budget,
                                                     sum(c.get('inFlight', 0) for c in cs),
                                                     sum(1 for c in cs if c.get('blockedForMs', 0) > 0)))
    with open(out + '/timeline.csv', 'w') as f:
        f.write('second,window_used,in_flight,users_blocked\n')
        for k in sorted(rows):
            for w, n, b in rows[k]:
                f.write(f'{k * 10},{w:.3f},{n},{b}\n')
    print("timeline (per 10 s: window held / budget, requests in flight, users blocked), in " + out + "/timeline.csv")
    cells = [f"{k * 10:>4}s {sum(r[0] for r in v) / len(v):4.0%} {sum(r[1] for r in v) / len(v):4.1f} {max(r[2] for r in v)}"
             for k, v in sorted(rows.items())]
    for i in range(0, len(cells), 6):
        print("  " + "   ".join(cells[i:i + 6]))
print(f"logs                   {out}/run.log, {out}/emulator.log, {out}/gc.log, {out}/protection.json")
EOF
if [ -s "$OUT/old-objects.jfr" ]; then
  jfr print --json --events jdk.OldObjectSample "$OUT/old-objects.jfr" > "$OUT/old-objects.json" 2>/dev/null
  python3 - "$OUT" <<'EOF'
import json, sys
out = sys.argv[1]
events = json.load(open(out + '/old-objects.json'))['recording']['events']
def chain(obj, depth=8):
    """The types on the way from a sampled object towards its GC root, nearest holder first, each with its field."""
    names, field = [], None
    while obj and len(names) < depth:
        t = (obj.get('type') or {}).get('name', '?').replace('/', '.')
        t = 'byte[]' if t == '[B' else t[2:-1] + '[]' if t.startswith('[L') else t
        d = obj.get('description') or ''
        name = d[len('Class Name: '):] if d.startswith('Class Name: ') else t.rsplit('.', 1)[-1]
        names.append(name + ('.' + field if field else ''))
        ref = obj.get('referrer') or {}
        field = (ref.get('field') or {}).get('name')
        if ref.get('skip'):
            names[-1] += f' (+{ref["skip"]} skipped)'
        obj = ref.get('object')
    return ' <- '.join(names)
by = {}
for e in events:
    v = e['values']
    obj = v.get('object') or {}
    if (obj.get('type') or {}).get('name') != '[B':
        continue
    elements = v.get('arrayElements') or 0
    n, b = by.get(chain(obj), (0, 0))
    by[chain(obj)] = (n + 1, b + max(elements, 0))
with open(out + '/old-objects.txt', 'w') as f:
    f.write('samples\tbytes sampled\tholders (nearest first)\n')
    for c, (n, b) in sorted(by.items(), key=lambda kv: -kv[1][1]):
        f.write(f'{n}\t{b}\t{c}\n')
print(f"old byte[] samples     {sum(n for n, _ in by.values())} of {len(events)} (holders in {out}/old-objects.txt)")
EOF
fi
