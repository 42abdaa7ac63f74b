#!/bin/sh
# Builds the host column's helper, libexec/mmsim-host, from the host runtime (mm-core/src/main/c),
# with the C compiler when there is one ($CC, else cc). Where it cannot, it writes the reason to
# libexec/mmsim-host.unavailable instead, which `mmsim policies` shows: the build never fails for it.
#   usage: host-helper.sh SOURCE_DIR OUTPUT_DIR
src=$1
out=$2
mkdir -p "$out"
rm -f "$out/mmsim-host" "$out/mmsim-host.unavailable"
cc=${CC:-cc}
unavailable() {
  echo "$1" > "$out/mmsim-host.unavailable"
  exit 0
}
[ "$(uname -s)" = Linux ] || unavailable "not a Linux machine"
command -v "$cc" >/dev/null 2>&1 || unavailable "no C compiler ($cc) when the distribution was built"
if ! "$cc" -O2 -Wall -Wextra -o "$out/mmsim-host" "$src/mms_host.c" 2> "$out/../host-helper.log"; then
  rm -f "$out/mmsim-host"
  unavailable "the helper did not compile: $(head -n 1 "$out/../host-helper.log")"
fi
