#!/bin/sh
# Builds target/policy.jsa, the AppCDS archive bin/policy starts with (run by `mvn package`, see pom.xml).
# Usage: cds-archive.sh JAVA JAR ARCHIVE POLICY TRAINING_DIR
#
# A training run of `simulate` (which parses, checks, simulates, plots and writes a report: the classes
# of every common command) writes a dynamic archive when its JVM exits. It is written under a temporary
# name and moved into place only when complete; then ARCHIVE.cksum records its CRC and size. bin/policy
# uses the archive only when it still matches that record: a JVM mapping a truncated archive dies of
# SIGBUS (measured with JDK 17.0.15), so a damaged archive must never reach it. The JVM's own
# -XX:+VerifySharedSpaces would check too, but costs ~0.25 s a start here; cksum costs ~25 ms.
set -eu
java=$1 jar=$2 jsa=$3 policy=$4 training=$5
rm -f "$jsa" "$jsa.cksum" "$jsa.tmp"
# Same JVM options as bin/policy (the archive is only used by a JVM whose options agree with it). The
# JVM's notes about the classes it cannot archive (picocli, EMF and log4j are Java 5 class files, which
# CDS does not take) are silenced: they are expected and not the build's business.
"$java" -XX:ArchiveClassesAtExit="$jsa.tmp" -XX:+UseSerialGC -Xshare:auto -Djava.awt.headless=true \
	-Xlog:cds=off,cds+dynamic=off -jar "$jar" simulate "$policy" --duration 50ms --out "$training" >/dev/null
if [ ! -s "$jsa.tmp" ]; then
	# a JVM without CDS support: no archive, bin/policy then starts without one
	echo "cds-archive.sh: $java wrote no archive; bin/policy will start without one" >&2
	exit 0
fi
mv "$jsa.tmp" "$jsa"
cksum < "$jsa" > "$jsa.cksum"
