#!/usr/bin/env bash
# bench/compare.sh: rbaclint against the tools people use to check these
# exports, on the generated corpus (internal/corpus) at three scales.
#
#   bash bench/compare.sh              # all scales, median of 5 runs
#   RUNS=3 SCALES="small medium" bash bench/compare.sh
#
# rbaclint does its full run (schema, rules, positions, report); ajv-cli and
# Python's jsonschema validate the same files against rbaclint's own schemas
# only (every error, like rbaclint); the parse floor decodes them with Go's
# standard library and checks nothing. Wall time is the median of $RUNS runs,
# peak RSS the highest of them (bench/measure.go). Ratios are rbaclint's time over
# the peer's: below 1 means rbaclint is faster.
#
# It installs what is missing: Debian's python3-jsonschema (apt),
# node and npm (apt), ajv-cli and ajv-formats (npm, into bench/.tools). The
# table is printed and also written to bench/out/latest.md (both ignored by
# git). Exits non-zero when a tool fails to run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
SCALES=${SCALES:-small medium large}
TOOLS=$ROOT/bench/.tools
OUT=$ROOT/bench/out
PY=/usr/bin/python3 # Debian's, with Debian's python3-jsonschema
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbaclint-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

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
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
AJV=$TOOLS/node_modules/.bin/ajv
if ! [[ -x $AJV ]] || ! [[ -d $TOOLS/node_modules/ajv-formats ]]; then
	log "npm install ajv-cli ajv-formats into bench/.tools"
	mkdir -p "$TOOLS"
	npm install --prefix "$TOOLS" --no-audit --no-fund --silent ajv-cli ajv-formats >&2
fi

log "building rbaclint, the parse floor and the stopwatch"
(cd "$ROOT" && go build -o "$WORK/rbaclint" ./cmd/rbaclint && go build -o "$WORK/floor" bench/floor.go &&
	go build -o "$WORK/measure" bench/measure.go)

log "generating the corpus"
(cd "$ROOT" && RBACLINT_CORPUS_DIR="$WORK/corpus" go test ./internal/corpus -run '^TestWriteCorpus$' -count=1 >&2)

# --- measuring ---------------------------------------------------------------

# measure OKCODES EXPECT CMD...: runs CMD $RUNS times and prints
# "median-wall-microseconds max-peak-rss-KiB" (bench/measure.go, which reads
# the clock and the child's rusage around fork and wait). An exit code
# outside OKCODES, or output that does not match the extended regexp EXPECT
# (when not empty), is a failure of the tool and ends the script.
measure() {
	local okcodes=$1 expect=$2
	shift 2
	local res
	if ! res=$("$WORK/measure" -runs "$RUNS" -ok "${okcodes// /,}" -stdout "$WORK/out" -stderr "$WORK/err" -- "$@"); then
		log "error: '$*' failed:"
		tail -n 20 "$WORK/err" >&2
		exit 1
	fi
	if [[ -n $expect ]] && ! grep -Eq "$expect" "$WORK/out" "$WORK/err"; then
		log "error: '$*' printed nothing matching /$expect/:"
		tail -n 20 "$WORK/err" >&2
		exit 1
	fi
	echo "$res"
}

# schema_of FILE: the schema file and $defs shape of a generated JSON export.
schema_of() {
	case $(basename "$1") in
	webex-user-profiles.json) echo "webex-user-profile.schema.json list" ;;
	tenant-users.json) echo "tenant-users.schema.json list" ;;
	*) return 1 ;;
	esac
}

# Formatting helpers (awk does the arithmetic).
fmt_time() { awk -v us="$1" 'BEGIN { if (us < 1e6) printf "%.1f ms", us / 1e3; else printf "%.2f s", us / 1e6 }'; }
fmt_mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
fmt_size() { awk -v b="$1" 'BEGIN { if (b < 1048576) printf "%.0f KB", b / 1024; else printf "%.1f MB", b / 1048576 }'; }
cell() { echo "$(fmt_time "$1"), $(fmt_mb $(($2 * 1024))) MB"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v bytes="$1" -v us="$2" 'BEGIN { printf "%.1f", bytes / 1048576 / (us / 1e6) }'; }

TABLE=$WORK/table.md
{
	echo "| scale | input | size | rbaclint (full run) | rbaclint MB/s | rbaclint RSS / size | ajv-cli (schema) | jsonschema (schema) | parse floor | rbaclint / ajv-cli | rbaclint / jsonschema | rbaclint / floor |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$TABLE"

row() { # scale label bytes rb_us rb_kb ajv_us ajv_kb py_us py_kb fl_us fl_kb ("-" when not run)
	local scale=$1 label=$2 bytes=$3 rb=$4 rbk=$5 aj=$6 ajk=$7 py=$8 pyk=$9 fl=${10} flk=${11}
	local ajc=— pyc=— r_aj=— r_py=—
	if [[ $aj != - ]]; then ajc=$(cell "$aj" "$ajk") r_aj=$(ratio "$rb" "$aj"); fi
	if [[ $py != - ]]; then pyc=$(cell "$py" "$pyk") r_py=$(ratio "$rb" "$py"); fi
	echo "| $scale | $label | $(fmt_size "$bytes") | $(cell "$rb" "$rbk") | $(rate "$bytes" "$rb") |" \
		"$(ratio $((rbk * 1024)) "$bytes") | $ajc | $pyc | $(cell "$fl" "$flk") | $r_aj | $r_py | $(ratio "$rb" "$fl") |" >>"$TABLE"
}

for scale in $SCALES; do
	dir=$WORK/corpus/$scale
	[[ -d $dir ]] || die "unknown scale $scale"
	files=("$dir"/*)
	total=0
	for f in "${files[@]}"; do
		name=$(basename "$f")
		bytes=$(stat -c %s "$f")
		total=$((total + bytes))
		log "$scale/$name: rbaclint"
		res=$(measure "0 1" "" "$WORK/rbaclint" --no-config --color never "$f")
		read -r rb rbk <<<"$res"
		aj=- ajk=- py=- pyk=-
		if spec=$(schema_of "$f"); then
			read -r sfile def <<<"$spec"
			printf '{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"https://github.com/rbaclint/rbaclint/schemas/%s#/$defs/%s"}\n' \
				"$sfile" "$def" >"$WORK/wrapper.json"
			log "$scale/$name: ajv-cli"
			res=$(measure "0 1" "^$f (valid|invalid)" "$AJV" validate --spec=draft2020 -c ajv-formats --strict=false \
				--all-errors --errors=no -s "$WORK/wrapper.json" -r "$ROOT/schemas/$sfile" -d "$f")
			read -r aj ajk <<<"$res"
			log "$scale/$name: jsonschema"
			res=$(measure "0 10" "errors$" "$PY" "$ROOT/bench/validate.py" "$ROOT/schemas/$sfile" "$def" "$f")
			read -r py pyk <<<"$res"
		fi
		log "$scale/$name: parse floor"
		res=$(measure "0" "" "$WORK/floor" "$f")
		read -r fl flk <<<"$res"
		row "$scale" "$name" "$bytes" "$rb" "$rbk" "$aj" "$ajk" "$py" "$pyk" "$fl" "$flk"
	done
	if ((${#files[@]} > 1)); then
		log "$scale: rbaclint over the whole directory"
		res=$(measure "0 1" "" "$WORK/rbaclint" --no-config --color never "$dir")
		read -r rb rbk <<<"$res"
		res=$(measure "0" "" "$WORK/floor" "${files[@]}")
		read -r fl flk <<<"$res"
		row "$scale" "all ${#files[@]} files, one run" "$total" "$rb" "$rbk" - - - - "$fl" "$flk"
	fi
done

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
		"$(go version | cut -d' ' -f3), node $(node --version), ajv-cli $(node -p "require('$TOOLS/node_modules/ajv-cli/package.json').version")" \
		"(ajv $(node -p "require('$TOOLS/node_modules/ajv/package.json').version")), Python jsonschema $("$PY" -c 'import importlib.metadata as m; print(m.version("jsonschema"))');" \
		"median of $RUNS runs."
	echo
	cat "$TABLE"
} >"$WORK/report.md"
mkdir -p "$OUT"
cp "$WORK/report.md" "$OUT/latest.md"
cat "$WORK/report.md"
