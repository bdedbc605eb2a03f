#!/usr/bin/env bash
# bench/same-output.sh: does this checkout print exactly what another
# revision prints? A performance change must not change a finding, a
# position, a message, a fingerprint or an exit code (issue 16), so this
# runs both builds over the same inputs and compares their output bytes.
#
#   bash bench/same-output.sh REV            # e.g. main, or 0eacd98 (before big lists were streamed)
#   SCALES="large" bash bench/same-output.sh REV
#
# It builds the checkout and REV (in a temporary git worktree), generates
# the corpus at $SCALES (default "large xl": 100 MB and 200 MB) and compares
# text, json and sarif output plus the exit code on examples/, testdata/
# (its hostile/ corpus included) and each corpus scale: with the default
# jobs and --jobs 1, with --max-findings 5 and 100000, with --set-context,
# and the checkout with --jobs 1 against itself with --jobs 2. It prints
# each command whose output differs and exits non-zero when one does.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REV=${1:?usage: bash bench/same-output.sh REV}
SCALES=${SCALES:-large xl}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbaclint-same.XXXXXX")
cleanup() {
	git -C "$ROOT" worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "same-output.sh: $*" >&2; }

log "building the checkout and $REV"
(cd "$ROOT" && go build -o "$WORK/new" ./cmd/rbaclint)
git -C "$ROOT" worktree add --detach "$WORK/base" "$REV" >/dev/null 2>&1
(cd "$WORK/base" && go build -o "$WORK/old" ./cmd/rbaclint)

log "generating the corpus ($SCALES)"
(cd "$ROOT" && RBACLINT_CORPUS_DIR="$WORK/corpus" RBACLINT_CORPUS_SCALES="$SCALES" \
	go test ./internal/corpus -run '^TestWriteCorpus$' -count=1 >&2)

# run BIN ARGS...: what BIN prints on both streams, then its exit code.
run() {
	local bin=$1
	shift
	(cd "$ROOT" && "$bin" "$@" 2>&1; echo "exit $?") || true
}

checks=0 failed=0
same() { # label, then the arguments given to both builds
	checks=$((checks + 1))
	if ! cmp -s <(run "$WORK/old" "$@") <(run "$WORK/new" "$@"); then
		echo "DIFFERS: rbaclint $*"
		failed=$((failed + 1))
	fi
}

targets=(examples testdata)
for s in $SCALES; do
	targets+=("$WORK/corpus/$s")
done
first_scale=$WORK/corpus/${SCALES%% *}
for format in text json sarif; do
	for t in "${targets[@]}"; do
		same lint --format "$format" "$t"
		same lint --format "$format" --jobs 1 "$t"
	done
	same lint --format "$format" --max-findings 5 "$first_scale" testdata
	same lint --format "$format" --max-findings 100000 "$first_scale"
done
same lint --format json --set-context "$first_scale" examples
for t in examples testdata "$first_scale"; do
	checks=$((checks + 1))
	if ! cmp -s <(run "$WORK/new" lint --format json --jobs 1 "$t") <(run "$WORK/new" lint --format json --jobs 2 "$t"); then
		echo "DIFFERS: --jobs 1 against --jobs 2 on $t"
		failed=$((failed + 1))
	fi
done
echo "same-output.sh: $checks checks against $REV, $failed differ"
[ "$failed" -eq 0 ]
