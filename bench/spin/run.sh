#!/usr/bin/env bash
# Builds and runs SPIN's pan on a model (mm.pml unless --model says otherwise) at depth DEPTH
# (default 8), then, with --mmsim, the same universe with `mmsim explore` under the model's
# policy, so both run on the same machine in the same run.
#
#   bench/spin/run.sh [DEPTH] [--model NAME] [--mmsim] [--steps] [--keep]
#
#   --model   NAME.pml and the mmsim policy it models: mm (the default) -> mapcount,
#             unshare -> unshare
#   --mmsim   also run ./mmsim explore on the same universe (after pan; not at the same time), then
#             ./mmsim bench explore on it: its steady state, JIT warm, with transitions/s per core,
#             with a worker per core and then with one worker
#   --steps   bound the depth with a step counter in the state vector (-DSTEPCOUNTER) instead of
#             pan's depth bound -m (see README.md: the same findings, more states)
#   --keep    keep the build directory (pan.c, pan, the trails); its path is printed
#
# Environment: SPIN (default spin), CC (default gcc), PAN_W (hash table: 2^PAN_W slots; default
# 22 up to depth 6, else 24), MMSIM (default: the repository's ./mmsim launcher), SPIN_DEFS (more
# -D options for spin -a, e.g. -DTABLES for unshare.pml: see README.md).
#
# pan is compiled with -DSAFETY -DNOCLAIM -DBFS: a breadth-first search for safety properties
# only (assertions), so the first trail of each kind is a shortest one. It runs with -c0 (do not
# stop at an error), -e (write a trail for every error; the model asserts each invariant kind
# only at its first violation, so there is one trail per kind found), -E (no invalid-end-state
# check: a state where every process has exited is not an error), -m$DEPTH (pan's depth bound;
# with BFS, states at depth DEPTH are stored and not expanded) and -w$PAN_W.
set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
depth=8
with_mmsim=0
steps=0
keep=0
model=mm
usage="usage: $0 [DEPTH] [--model mm|unshare] [--mmsim] [--steps] [--keep]"
while [ $# -gt 0 ]; do
  case $1 in
    --mmsim) with_mmsim=1 ;;
    --steps) steps=1 ;;
    --keep) keep=1 ;;
    --model) [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }; model=$2; shift ;;
    --model=*) model=${1#--model=} ;;
    [0-9]*) depth=$1 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
case $model in
  mm) policy=mapcount ;;
  unshare) policy=unshare ;;
  *) echo "unknown model '$model' (known: mm, unshare)" >&2; echo "$usage" >&2; exit 2 ;;
esac
pml=$model.pml
SPIN=${SPIN:-spin}
CC=${CC:-gcc}
if [ -z "${PAN_W:-}" ]; then
  if [ "$depth" -le 6 ]; then PAN_W=22; else PAN_W=24; fi
fi
MMSIM=${MMSIM:-$root/mmsim}
statements=write,read,fork,exit,munmap,vmsplice,pin,release

work=$(mktemp -d "${TMPDIR:-/tmp}/mmsim-spin.XXXXXX")
if [ "$keep" = 0 ]; then
  trap 'rm -rf "$work"' EXIT
fi
cp "$here/$pml" "$work/"
cd "$work"

if [ "$steps" = 1 ]; then
  spin_defs="-DSTEPCOUNTER -DDEPTH=$depth${SPIN_DEFS:+ $SPIN_DEFS}"
  pan_m=$((depth + 1))   # the counter bounds the search; -m only has to be deeper
  mode="step counter in the state vector (-DSTEPCOUNTER -DDEPTH=$depth)"
else
  spin_defs="-DDEPTH=$depth${SPIN_DEFS:+ $SPIN_DEFS}"
  pan_m=$depth
  mode="pan's depth bound (-m$depth)"
fi
cc_flags="-O2 -DSAFETY -DNOCLAIM -DBFS"
pan_flags="-m$pan_m -c0 -e -E -w$PAN_W"

echo "== SPIN: $pml, depth $depth, $mode"
echo "build: $SPIN -a $spin_defs $pml && $CC $cc_flags -o pan pan.c"
t0=$(date +%s.%N)
$SPIN -a $spin_defs $pml >spin.out
$CC $cc_flags -o pan pan.c
t1=$(date +%s.%N)
printf 'build time: %.2f s\n' "$(echo "$t1 - $t0" | bc -l)"

echo "run:   /usr/bin/time -f '%e s %M KB' ./pan $pan_flags"
/usr/bin/time -o pan.time -f "%e s %M KB" ./pan $pan_flags >pan.out 2>&1 || true
echo "pan wall time (run alone, build excluded): $(cat pan.time)"
grep -E '^State-vector|states, stored|states, matched|transitions \(|total actual memory|pan: elapsed|pan: rate|error: max search depth' pan.out \
  | sed 's/^[[:space:]]*/  /'
stored=$(awk '/states, stored/ {print $1; exit}' pan.out)
trans=$(awk '/transitions \(= stored\+matched\)/ {print $1; exit}' pan.out)
wall=$(awk '{print $1}' pan.time)
awk -v t="$trans" -v w="$wall" 'BEGIN { if (w > 0) printf "  transitions/s (pan wall time): %.0f\n", t / w }'

echo "findings (kind, shortest trail in statements, the trail):"
found=0
while read -r kind; do
  found=1
  # the error line and the trail file that follow "finding: KIND" in pan's output
  trail=$(awk -v k="$kind" '$0 == "finding: " k {f = 1; next} f && /wrote .*\.trail/ {print $NF; exit}' pan.out)
  n=$(awk -F: '$1 >= 0' "$trail" | wc -l)
  echo "  $kind: $n statement(s)  [$trail]"
  MM_REPLAY=1 ./pan -r "$trail" 2>/dev/null | awk '/^(write|read|fork|exit|munmap|pin|vmsplice|release) / {print "      " $0}'
done < <(sed -n 's/^finding: //p' pan.out)
[ "$found" = 1 ] || echo "  (none)"
if [ "$keep" = 1 ]; then
  echo "kept: $work"
fi

cmd="$MMSIM explore --policy $policy --statements $statements --depth $depth --max-findings 1"
echo
echo "== mmsim, the same universe:"
echo "  $cmd"
if [ "$with_mmsim" = 1 ]; then
  (cd "$root" && /usr/bin/time -o "$work/mmsim.time" -f "%e s %M KB" $cmd >"$work/mmsim.out" 2>&1) || true
  grep -E 'statement\(s\)|^explored|stop' "$work/mmsim.out" | sed 's/^/  /'
  echo "  mmsim wall time: $(tail -n 1 "$work/mmsim.time")"
  # the steady state: the same search, JIT warm (C2), three untimed runs then five timed ones
  bcmd="$MMSIM bench explore --policy $policy --statements $statements --depth $depth --warmup 3 --iterations 5"
  echo
  echo "== mmsim, the same search in its steady state:"
  echo "  $bcmd"
  (cd "$root" && $bcmd 2>&1) | tail -n 3 | sed 's/^ */  /'
  # per core like for like: one worker on one core, as pan runs (two of anything on this 2-core
  # machine slow each other down: two single-worker runs side by side each lose about 5%)
  echo
  echo "== mmsim, the same search in its steady state with one worker (pan's one core):"
  echo "  $bcmd --threads 1"
  (cd "$root" && $bcmd --threads 1 2>&1) | tail -n 3 | sed 's/^ */  /'
fi
