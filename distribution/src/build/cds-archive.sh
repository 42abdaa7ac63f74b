#!/bin/sh
# Writes lib/mmsim.jsa, the class-data sharing archive bin/mmsim maps for every command but bench
# (README, Performance): a training run lists the classes a short exploration loads, then -Xshare:dump
# archives them. A static archive, not a dynamic one: JDK 17 leaves class files older than Java 6
# (picocli's) out of a dynamic archive. Both JVMs get the launcher's options (C1, the serial
# collector, the module path), which an archive must match to be used.
#   usage: cds-archive.sh JAVA DIST   (DIST: the unpacked distribution, target/mmsim)
set -e
java=$1
dist=$2
work=$(dirname "$dist")
# the launcher's command line, in an argument file both JVMs read (quoted: a path may hold spaces)
launch=$work/cds-launch.args
cat >"$launch" <<ARGS
-XX:TieredStopAtLevel=1
-XX:+UseSerialGC
"-Dmmsim.home=$dist"
--module-path
"$dist/lib"
--add-modules
jdk.unsupported
-cp
"$dist/lib/cluster/*"
--add-reads
org.mmsim.core=ALL-UNNAMED
-m
org.mmsim.core/org.mmsim.core.cli.Main
ARGS
# explore's status is 1 when it finds a violation, as the java command's is when it cannot start: read its report
"$java" -XX:DumpLoadedClassList="$work/cds-classes.lst" @"$launch" explore --policy unshare --depth 2 --no-progress \
  >"$work/cds-training.txt" 2>&1 || true
if ! grep -q '^explored ' "$work/cds-training.txt"; then
  echo "cds-archive.sh: the training run failed: see $work/cds-training.txt" >&2
  exit 1
fi
"$java" -Xshare:dump -XX:SharedClassListFile="$work/cds-classes.lst" -XX:SharedArchiveFile="$dist/lib/mmsim.jsa" \
  @"$launch" >"$work/cds-dump.txt" 2>&1 \
  || { echo "cds-archive.sh: -Xshare:dump failed: see $work/cds-dump.txt" >&2; exit 1; }
