#!/bin/bash
# Class data sharing (CDS) archive for the hub: extracts the executable jar into a directory (Spring Boot's
# `-Djarmode=tools extract`), does a training run that lists the classes loaded while the application context
# refreshes (`-Dspring.context.exit=onRefresh`, on a throwaway data directory, then exit), dumps a static archive of
# them and prints the command that starts the hub with it. Rerun after every rebuild of the jar: the archive is valid
# only for the exact jars and absolute paths it was made from (with -Xshare:on the JVM refuses a stale one; without it,
# it warns and starts without the archive).
# Why not Spring Boot's documented `-XX:ArchiveClassesAtExit`: on this JDK (17.0.15) both the dynamic dump and a
# static dump of the full class list crash the JVM in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary;
# leaving the lambda proxies out of the class list (they are then spun at run time, as without CDS) avoids it.
# Usage: bench/cds.sh [destination, an absolute path; default hub/target/cds]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-$ROOT/hub/target/cds}
JAR=$ROOT/hub/target/vanguard-hub-0.1.0-SNAPSHOT.jar
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:--Xms512m -Xmx512m -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=256m -Xss512k}
rm -rf "$DEST"
java -Djarmode=tools -jar "$JAR" extract --destination "$DEST"
APP=$DEST/vanguard-hub-0.1.0-SNAPSHOT.jar
training=$(mktemp -d)
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=2 java $HUB_JAVA_OPTS -Xshare:off -XX:DumpLoadedClassList="$DEST/hub.classlist" \
    -Dspring.context.exit=onRefresh -jar "$APP" --hub.data-dir="$training" --server.port=28443 \
    --hub.console.port=28444 --management.server.port=29443 --hub.broker.amqp-port=25671 \
    --logging.level.root=WARN > "$DEST/training.log" 2>&1
rm -rf "$training"
grep -v '^@lambda-proxy' "$DEST/hub.classlist" > "$DEST/hub-archived.classlist"
java -Xshare:dump -XX:SharedClassListFile="$DEST/hub-archived.classlist" -XX:SharedArchiveFile="$DEST/hub.jsa" \
    -XX:MaxMetaspaceSize=256m -jar "$APP" > "$DEST/dump.log" 2>&1
echo "archive: $DEST/hub.jsa ($(du -m "$DEST/hub.jsa" | cut -f1) MB)"
echo "start:   java -XX:SharedArchiveFile=$DEST/hub.jsa <memory settings> -jar $APP"
