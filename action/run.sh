#!/usr/bin/env bash
# The GitHub Action's step (action.yml): install or build rbaclint, run it
# with SARIF to a file, annotations on stdout and a markdown summary for the
# job page, and pass its exit code on. It reads only the INPUT_* variables
# action.yml sets and the runner's GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and
# RUNNER_TEMP, so CI runs it locally with those set (internal/cli's
# TestActionScript). RBACLINT_BIN names a binary to use instead of building.
set -euo pipefail

tmp=${RUNNER_TEMP:-$(mktemp -d)}
bin=${RBACLINT_BIN:-}
if [ -z "$bin" ]; then
  mkdir -p "$tmp/rbaclint-bin"
  if [ -n "${INPUT_VERSION:-}" ]; then
    echo "::group::go install rbaclint@$INPUT_VERSION"
    GOBIN="$tmp/rbaclint-bin" go install "github.com/rbaclint/rbaclint/cmd/rbaclint@$INPUT_VERSION"
  else
    echo "::group::build rbaclint from the action's checkout"
    (cd "${RBACLINT_ACTION_PATH:?}" && go build -trimpath -o "$tmp/rbaclint-bin/rbaclint" ./cmd/rbaclint)
  fi
  echo "::endgroup::"
  bin="$tmp/rbaclint-bin/rbaclint"
fi
"$bin" version

sarif=${INPUT_SARIF_FILE:-rbaclint.sarif}
summary="$tmp/rbaclint-summary.md"
args=(--fail-level "${INPUT_FAIL_LEVEL:-error}")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
read -r -a extra <<<"${INPUT_ARGS:-}"
args+=("${extra[@]}")
# Paths are separated by blanks or new lines, as action inputs are written.
mapfile -t paths < <(printf '%s\n' "${INPUT_PATHS:-.}" | tr ' \t' '\n\n' | sed '/^$/d')

errors="$tmp/rbaclint-stderr.txt"
rm -f "$summary" # an earlier run's table in the same job is not this run's
set +e
"$bin" "${args[@]}" --format sarif --output "$sarif" --format markdown --output "$summary" --format github -- "${paths[@]}" 2>"$errors"
code=$?
set -e
cat "$errors" >&2

# A usage or configuration error (exit 2) writes no findings table: the job
# summary says why the step failed instead of staying empty.
if [ "$code" -eq 2 ] && [ ! -s "$summary" ]; then
  {
    printf '### rbaclint\n\nrbaclint stopped with a usage or configuration error (exit 2):\n\n<pre>\n'
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' "$errors"
    printf '</pre>\n'
  } >"$summary"
fi

# GitHub shows at most 10 annotations of each level per step: the summary
# table lists every finding (up to its cap).
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$summary" ]; then
  cat "$summary" >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >>"$GITHUB_OUTPUT"
  [ -f "$sarif" ] && echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
fi
exit "$code"
