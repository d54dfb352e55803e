# The JVM flags README.md recommends for the server (why: README.md and BENCHMARKS.md), for the bench scripts that
# start one; sourced, not run. PM_SERVER_JAVA_OPTS overrides them.
# shellcheck disable=SC2034
server_opts=${PM_SERVER_JAVA_OPTS:-"-XX:+UseSerialGC -Xms48m -Xmx256m -Xmn16m -XX:MetaspaceSize=48m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+AlwaysPreTouch -XX:-TieredCompilation -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=32m -XX:TrimNativeHeapInterval=1000 -Dio.netty.leakDetection.level=disabled"}
