# The JVM flags README.md recommends for the server (why: README.md and BENCHMARKS.md), for the bench scripts that
# start one; sourced, not run. PM_SERVER_JAVA_OPTS overrides them.
# shellcheck disable=SC2034
server_opts=${PM_SERVER_JAVA_OPTS:-"-XX:+UseSerialGC -Xms48m -Xmx256m -Xmn16m -XX:MetaspaceSize=48m -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70 -XX:+AlwaysPreTouch -XX:TieredStopAtLevel=1 -Dio.netty.leakDetection.level=disabled"}
