#!/usr/bin/env bash
# Checks the whole speech path with a real Vosk model: speaks a two-speaker script with known pressure lines
# (seeds/calls/model-check.script.txt) with espeak-ng and sox, hears it back through the model and the detector
# as 'analyze' does, and prints the word error rate against the script, the alerts found against those expected,
# and the real-time factor.
#
#   tools/real-model-check.sh [MODEL_DIR] [more 'model check' options, e.g. --keep DIR]
#
# MODEL_DIR defaults to the model 'pressure-monitor model download' fetches. The same check runs inside the
# build with: mvn -B verify -Dvosk.model=MODEL_DIR
set -euo pipefail
cd "$(dirname "$0")/.."

model="${1:-${PRESSURE_MONITOR_MODELS:-$HOME/.pressure-monitor/models}/vosk-model-small-en-us-0.15}"
[ $# -gt 0 ] && shift

for tool in espeak-ng sox java; do
  command -v "$tool" >/dev/null || { echo "real-model-check: $tool is needed (apt-get install -y espeak-ng sox; Java 17)" >&2; exit 2; }
done
if [ ! -d "$model" ]; then
  echo "real-model-check: no Vosk model at $model." >&2
  echo "  Get one with: java -jar agent/target/pressure-monitor.jar model download   (then run this again)" >&2
  echo "  Machines that cannot download it cannot run this check; its logic is tested without a model (ModelCheckTest)." >&2
  exit 2
fi

jar=agent/target/pressure-monitor.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -DskipTests package
fi
exec java -jar "$jar" model check --model "$model" "$@"
