#!/usr/bin/env bash
# Takes a screenshot of the real workbench window without a display (Xvfb).
# Needs: apt-get install xvfb xauth libgtk-3-0 libxtst6 imagemagick
# Usage: docs/screenshot.sh OUT.png [SECONDS_TO_WAIT]   (after mvn package)
set -euo pipefail
out=${1:-workbench.png}
wait=${2:-10}
xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
  java -jar target/app/predictbench.jar >/dev/null 2>&1 &
  app=\$!
  sleep $wait
  import -window root '$out'
  kill \$app"
echo "wrote $out"
