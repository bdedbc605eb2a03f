#!/usr/bin/env bash
# bench/compare.sh: rbaclint against the tools people use to check these
# exports, on the generated corpus (internal/corpus), one interleaved race
# per scale.
#
#   bash bench/compare.sh                          # small, medium and large; 5 rounds
#   RUNS=7 SCALES="large xl" bash bench/compare.sh  # 100 MB and 200 MB
#   RUNS=3 SCALES=lists200 bash bench/compare.sh    # one 200 MB export of each JSON kind
#
# Scales: small (one 20 KB profile list), medium (5 MB), large (100 MB) and
# xl (200 MB), each over three exports: a Webex profile list, a tenant user
# list (JSON) and a PCCE role list (XML); and lists200, a 200 MB profile
# list and a 200 MB tenant user list.
#
# rbaclint does its full run (schema, rules, positions, JSON report). The
# peers only validate against rbaclint's own schemas, reporting every
# error: ajv-cli 5 on the JSON files, `xmllint --schema` on the XML with
# bench/pcce-roles.xsd (the PCCE schema written as XML Schema). Python's
# jsonschema validates the JSON files up to $PY_MAX_MB (default 10 MB; it
# takes seconds per MB). The parse floor decodes each file with Go's
# standard library and checks nothing.
#
# A race is one warm-up round and then $RUNS rounds; each round runs every
# command once, in the same order, so a burst of load on this shared
# machine hits every tool alike. Per command: the median wall time, the
# median CPU time (user + system) and the highest peak RSS (ru_maxrss, what
# GNU time's %M prints), read by bench/measure.go around fork and wait.
# The "all files" row runs rbaclint once over the three files against the
# peers one after another (the sum of their times in each round, the
# highest of their peak RSS). "× peers" is the peers' wall time over
# rbaclint's: above 1, rbaclint checks the same bytes faster; "(CPU)" is
# the same ratio of CPU times, which other load on the machine distorts
# less (it ignores what a second core gains, though). RSS is also
# given over the file's size (over the largest file for "all files").
# Each race notes the load average and the CPU steal it ran under.
#
# It installs what is missing: node and npm, libxml2-utils and Debian's
# python3-jsonschema (apt), and ajv-cli@5 (npm, into a temporary directory,
# or into $BENCH_TOOLS, kept for the next run). The report is printed and
# written to bench/out/latest.md (ignored by git). Exits non-zero when a
# tool fails or prints nothing that shows it checked the file. It never
# runs in go test: these numbers are never asserted.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
SCALES=${SCALES:-small medium large}
PY_MAX_MB=${PY_MAX_MB:-10}
OUT=$ROOT/bench/out
PY=/usr/bin/python3 # Debian's, with Debian's python3-jsonschema
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbaclint-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
TOOLS=${BENCH_TOOLS:-$WORK/npm}

log() { echo "compare.sh: $*" >&2; }
die() {
	log "error: $*"
	exit 1
}

# --- tools -------------------------------------------------------------------

apt_updated=
apt_install() {
	local sudo=
	if [[ $(id -u) != 0 ]]; then sudo=sudo; fi
	if [[ -z $apt_updated ]]; then
		log "apt-get update"
		$sudo apt-get update -qq >&2
		apt_updated=1
	fi
	log "apt-get install $*"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

command -v go >/dev/null || die "go is not installed"
if ! [[ -x $PY ]] || ! "$PY" -c 'import jsonschema' 2>/dev/null; then
	apt_install python3 python3-jsonschema
fi
command -v xmllint >/dev/null || apt_install libxml2-utils
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
AJV=$TOOLS/node_modules/.bin/ajv
if ! [[ -x $AJV ]]; then
	log "npm install ajv-cli@5 into $TOOLS"
	mkdir -p "$TOOLS"
	npm install --prefix "$TOOLS" --no-audit --no-fund --silent ajv-cli@5 >&2
fi

log "building rbaclint (as scripts/release does), the parse floor and the stopwatch"
# The release's flags: a plain go build links the C resolver that the
# validator library's net import brings, and the dynamic loader then costs
# a small file's run about 0.7 ms; users run the static release binary.
(cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$WORK/rbaclint" ./cmd/rbaclint &&
	go build -o "$WORK/floor" bench/floor.go &&
	go build -o "$WORK/measure" bench/measure.go)

log "generating the corpus ($SCALES)"
(cd "$ROOT" && RBACLINT_CORPUS_DIR="$WORK/corpus" RBACLINT_CORPUS_SCALES="$SCALES" \
	go test ./internal/corpus -run '^TestWriteCorpus$' -count=1 >&2)

# --- the commands of a race ----------------------------------------------------

# Each command has an id; ARGV holds it quoted (printf %q), OK its accepted
# exit codes and EXPECT an extended regexp its output must match (or "").
declare -A ARGV OK EXPECT
ORDER=()
add() { # id okcodes expect cmd...
	local id=$1 ok=$2 expect=$3
	shift 3
	ARGV[$id]=$(printf '%q ' "$@")
	OK[$id]=$ok EXPECT[$id]=$expect
	ORDER+=("$id")
}

# schema_of FILE: the schema file and $defs shape of a generated JSON export.
schema_of() {
	case $(basename "$1") in
	webex-user-profiles.json) echo "webex-user-profile.schema.json list" ;;
	tenant-users.json) echo "tenant-users.schema.json list" ;;
	*) return 1 ;;
	esac
}

# peer_of FILE ID: registers the schema-only peer of one file.
peer_of() {
	local f=$1 id=$2
	if [[ $f == *.xml ]]; then
		add "$id" "0,3" "(validates|fails to validate)$" xmllint --noout --schema "$ROOT/bench/pcce-roles.xsd" "$f"
		return
	fi
	local sfile def
	read -r sfile def <<<"$(schema_of "$f")"
	printf '{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"https://github.com/rbaclint/rbaclint/schemas/%s#/$defs/%s"}\n' \
		"$sfile" "$def" >"$WORK/wrapper-$def-$sfile"
	# Formats are annotations in rbaclint's schemas: ajv does not assert them either.
	add "$id" "0,1" "^$f (valid|invalid)" "$AJV" validate --spec=draft2020 --strict=false --validate-formats=false \
		--all-errors --errors=line -s "$WORK/wrapper-$def-$sfile" -r "$ROOT/schemas/$sfile" -d "$f"
}

# run_race SCALE FILES...: registers the scale's commands and runs the
# rounds; writes "round id wall_us rss_kib cpu_us" lines to $WORK/raw.
run_race() {
	local scale=$1
	shift
	ARGV=() OK=() EXPECT=() ORDER=()
	local i f
	for i in "${!FILES[@]}"; do
		f=${FILES[$i]}
		add "rb$i" "0,1" '"findings"' "$WORK/rbaclint" --no-config --color never --format json "$f"
		peer_of "$f" "peer$i"
		if [[ $f == *.json ]] && (($(stat -c %s "$f") <= PY_MAX_MB << 20)); then
			local sfile def
			read -r sfile def <<<"$(schema_of "$f")"
			add "py$i" "0,10" "errors$" "$PY" "$ROOT/bench/validate.py" "$ROOT/schemas/$sfile" "$def" "$f"
		fi
		add "floor$i" "0" "" "$WORK/floor" "$f"
	done
	if ((${#FILES[@]} > 1)); then
		add rball "0,1" '"findings"' "$WORK/rbaclint" --no-config --color never --format json "${FILES[@]}"
	fi
	: >"$WORK/raw"
	local round id res
	for ((round = 0; round <= RUNS; round++)); do
		log "$scale: round $round of $RUNS$( ((round == 0)) && echo ' (warm-up)')"
		for id in "${ORDER[@]}"; do
			if ! res=$(eval "\"$WORK/measure\" -runs 1 -ok ${OK[$id]} -stdout \"$WORK/out\" -stderr \"$WORK/err\" -- ${ARGV[$id]}"); then
				log "error: ${ARGV[$id]} failed:"
				tail -n 20 "$WORK/err" >&2
				exit 1
			fi
			if [[ -n ${EXPECT[$id]} ]] && ! grep -Eq "${EXPECT[$id]}" "$WORK/out" "$WORK/err"; then
				log "error: ${ARGV[$id]} printed nothing matching /${EXPECT[$id]}/:"
				tail -n 20 "$WORK/err" >&2
				exit 1
			fi
			((round == 0)) || echo "$round $id $res" >>"$WORK/raw"
		done
	done
}

# stat_of IDS...: "median-wall-us median-cpu-us max-rss-kib" of the sum of
# the ids' times in each round (one id: its own), from $WORK/raw.
stat_of() {
	awk -v ids="$*" '
		BEGIN { n = split(ids, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
		want[$2] { wall[$1] += $3; cpu[$1] += $5; if ($4 > rss) rss = $4; any = 1 }
		function median(x,   k, v, m, i, j, t) {
			m = 0; for (k in x) v[++m] = x[k]
			for (i = 2; i <= m; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
			return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
		}
		END { if (!any) { print "- - -"; exit } printf "%d %d %d\n", median(wall), median(cpu), rss }
	' "$WORK/raw"
}

# Formatting helpers (awk does the arithmetic).
fmt_time() { awk -v us="$1" 'BEGIN { if (us < 1e6) printf "%.1f ms", us / 1e3; else printf "%.2f s", us / 1e6 }'; }
fmt_mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
fmt_size() { awk -v b="$1" 'BEGIN { if (b < 1048576) printf "%.0f KB", b / 1024; else printf "%.1f MB", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v bytes="$1" -v us="$2" 'BEGIN { printf "%.1f", bytes / 1048576 / (us / 1e6) }'; }
cell() { # wall cpu rss, or "—"
	if [[ $1 == - ]]; then echo "—"; else echo "$(fmt_time "$1") ($(fmt_time "$2") CPU), $(fmt_mb "$3")"; fi
}

# cpu_ticks: "busy+idle steal" jiffies of all CPUs, from /proc/stat.
cpu_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $9 }' /proc/stat; }

# --- the races -------------------------------------------------------------------

REPORT=$WORK/report.md
{
	cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`RUNS=$RUNS SCALES=\"$SCALES\" bash bench/compare.sh\` on $(nproc) CPUs ($cpu)," \
		"$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(go version | cut -d' ' -f3), node $(node --version)," \
		"ajv-cli $(node -p "require('$TOOLS/node_modules/ajv-cli/package.json').version")" \
		"(ajv $(node -p "require('$TOOLS/node_modules/ajv/package.json').version")), $(xmllint --version 2>&1 | head -1 | sed 's/^xmllint: using //')," \
		"Python jsonschema $("$PY" -c 'import importlib.metadata as m; print(m.version("jsonschema"))'); medians of $RUNS interleaved rounds."
	echo
	echo "| scale | input | size | rbaclint (full run): wall (CPU), peak RSS | rbaclint MB/s | RSS / size | peer (schema only): wall (CPU), peak RSS | rbaclint × peers: wall (CPU) | Python jsonschema | parse floor |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$REPORT"
NOTES=$WORK/notes.md
: >"$NOTES"

# peer_names AJVS XMLLINTS: the peers of an "all files" row ("ajv-cli ×2 + xmllint").
peer_names() {
	local names=()
	(($1 == 1)) && names+=(ajv-cli)
	(($1 > 1)) && names+=("ajv-cli ×$1")
	(($2 == 1)) && names+=(xmllint)
	(($2 > 1)) && names+=("xmllint ×$2")
	local IFS=+
	echo "${names[*]}" | sed 's/+/ + /g'
}

for scale in $SCALES; do
	dir=$WORK/corpus/$scale
	[[ -d $dir ]] || die "unknown scale $scale"
	FILES=("$dir"/*)
	load0=$(cut -d' ' -f1 /proc/loadavg)
	read -r t0 s0 <<<"$(cpu_ticks)"
	run_race "$scale"
	read -r t1 s1 <<<"$(cpu_ticks)"
	load1=$(cut -d' ' -f1 /proc/loadavg)
	echo "- $scale: load average (1 min) $load0 at the start, $load1 at the end; CPU steal $(awk -v d=$((s1 - s0)) -v t=$((t1 - t0)) 'BEGIN { printf "%.0f", 100 * d / t }') %." >>"$NOTES"

	total=0 largest=0 peers=() ajvs=0 xmllints=0
	for i in "${!FILES[@]}"; do
		f=${FILES[$i]}
		bytes=$(stat -c %s "$f")
		total=$((total + bytes)) largest=$((bytes > largest ? bytes : largest))
		peers+=("peer$i")
		read -r rw rc rr <<<"$(stat_of "rb$i")"
		read -r pw pc pr <<<"$(stat_of "peer$i")"
		read -r yw yc yr <<<"$(stat_of "py$i")"
		read -r fw fc fr <<<"$(stat_of "floor$i")"
		peer=ajv-cli
		[[ $f == *.xml ]] && peer=xmllint
		if [[ $peer == xmllint ]]; then xmllints=$((xmllints + 1)); else ajvs=$((ajvs + 1)); fi
		echo "| $scale | $(basename "$f") | $(fmt_size "$bytes") | $(cell "$rw" "$rc" "$rr") | $(rate "$bytes" "$rw") |" \
			"$(ratio $((rr * 1024)) "$bytes") | $peer: $(cell "$pw" "$pc" "$pr") | $(ratio "$pw" "$rw") ($(ratio "$pc" "$rc")) | $(cell "$yw" "$yc" "$yr") | $(cell "$fw" "$fc" "$fr") |" >>"$REPORT"
	done
	if ((${#FILES[@]} > 1)); then
		read -r rw rc rr <<<"$(stat_of rball)"
		read -r pw pc pr <<<"$(stat_of "${peers[@]}")"
		echo "| $scale | all ${#FILES[@]} files: rbaclint in one process, the peers one after another | $(fmt_size "$total") |" \
			"$(cell "$rw" "$rc" "$rr") | $(rate "$total" "$rw") | $(ratio $((rr * 1024)) "$largest") of the largest |" \
			"$(peer_names "$ajvs" "$xmllints"): $(cell "$pw" "$pc" "$pr") | $(ratio "$pw" "$rw") ($(ratio "$pc" "$rc")) | — | — |" >>"$REPORT"
	fi
done

{
	echo
	cat "$NOTES"
} >>"$REPORT"
mkdir -p "$OUT"
cp "$REPORT" "$OUT/latest.md"
cat "$REPORT"
