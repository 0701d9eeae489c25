#!/usr/bin/env bash
# The line budget of the house style: no source file under Sources/ longer than 250 lines
# (small files split by concern). Prints every offender with its length and exits non-zero if
# there is one. Source files are Swift, C and C headers; data such as the MuJoCo models (XML)
# is not code and is not counted.
#
#   scripts/check-line-budget.sh          # the budget of 250 lines
#   LINE_BUDGET=300 scripts/check-line-budget.sh
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${LINE_BUDGET:-250}"
[[ "$budget" =~ ^[0-9]+$ ]] || { echo "LINE_BUDGET must be a whole number of lines, got '$budget'" >&2; exit 2; }
offenders=0
while IFS= read -r -d '' file; do
    lines=$(wc -l < "$file")
    if (( lines > budget )); then
        echo "$file: $lines lines (budget $budget)"
        offenders=$((offenders + 1))
    fi
done < <(find Sources -type f \( -name '*.swift' -o -name '*.c' -o -name '*.h' \) -print0 | sort -z)
if (( offenders > 0 )); then
    echo "line budget: $offenders source file(s) over $budget lines; split them by concern" >&2
    exit 1
fi
echo "line budget: every source file under Sources/ has at most $budget lines"
