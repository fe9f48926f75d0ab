#!/usr/bin/env bash
# evshard in the CLI image: the jars of one runner (EVSHARD_RUNNER=spark: /opt/evshard/lib/spark; else lib/flink, which
# also runs the DirectRunner), the JVM flags of scripts/evshard (Arrow, Spark on Java 17).
case "${EVSHARD_RUNNER:-direct}" in
  spark) lib=/opt/evshard/lib/spark ;;
  direct | flink) lib=/opt/evshard/lib/flink ;;
  *) echo "evshard: EVSHARD_RUNNER must be direct, flink or spark, not '$EVSHARD_RUNNER'" >&2; exit 2 ;;
esac
exec java ${EVSHARD_JAVA_OPTS:-} \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  -Djdk.reflect.useDirectMethodHandle=false -Djava.awt.headless=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err -Dspark.ui.enabled=false \
  -cp "$lib/*" org.evshard.pipelines.cli.EvshardCli "$@"
