#!/usr/bin/env bash
# count.sh TRACE: from `strace -f -o TRACE -e trace=...` of one clean boot, prints one line per
# syscall: "NAME TOTAL MAX_PER_PROCESS". strace's inject when=N counts per traced process
# (thread), so N runs from 1 to the largest count any one of them made.
set -u
awk '{
  # Lines are "PID name(args) = ret"; resumed halves ("<... name resumed>") are not new calls.
  if ($2 ~ /^<\.\.\./ || $2 == "+++" || $2 == "---") next
  name = $2; sub(/\(.*/, "", name)
  total[name]++; per[name " " $1]++
}
END {
  for (k in per) { split(k, w, " "); if (per[k] > max[w[1]]) max[w[1]] = per[k] }
  for (n in total) print n, total[n], max[n]
}' "$1" | sort
