#!/bin/sh
# Writes the list of the plugin jars this distribution ships (lib/bundled-plugins.sha256: lines
# "HEX  FILENAME", as sha256sum prints them), from the org.mmsim:mmsim-plugin-* jars on the class path
# Maven hands over: the same files the assembly copies into plugins/. mmsim trusts a jar as bundled
# only when its SHA-256 is listed here. Fails the build when no jar or no SHA-256 tool is found.
#   usage: bundled-plugins.sh OUTPUT_FILE CLASSPATH
out=$1
cp=$2
if command -v sha256sum >/dev/null 2>&1; then sum="sha256sum"
elif command -v shasum >/dev/null 2>&1; then sum="shasum -a 256"
else echo "bundled-plugins.sh: no sha256sum or shasum" >&2; exit 1
fi
mkdir -p "$(dirname "$out")"
: > "$out.tmp"
old_ifs=$IFS
IFS=:
for f in $cp; do
  IFS=$old_ifs
  case ${f##*/} in
    mmsim-plugin-*.jar)
      hex=$($sum "$f" | cut -d' ' -f1) || exit 1
      printf '%s  %s\n' "$hex" "${f##*/}" >> "$out.tmp" ;;
  esac
done
IFS=$old_ifs
if [ ! -s "$out.tmp" ]; then
  echo "bundled-plugins.sh: no mmsim-plugin-*.jar on the class path" >&2
  exit 1
fi
sort -k2 "$out.tmp" > "$out" && rm -f "$out.tmp"
