#!/usr/bin/env bash
# Every view of the real window, light and dark, at 1280x720 and 1920x1080, into assets/.
# The digits sample is opened with its labelled file; the keys a user would press then score
# it (Ctrl+R), check drift (Ctrl+Shift+F) and run MC dropout (Ctrl+U); Ctrl+1..8 show the views.
# Needs: apt-get install xvfb xauth libgtk-3-0 libxtst6 imagemagick xdotool (after mvn package)
set -euo pipefail
cd "$(dirname "$0")/.."
for size in 1280x720 1920x1080; do
  for theme in light dark; do
    xvfb-run -a -s "-screen 0 ${size}x24" bash -c "
      java -Dpredictbench.window=$size -Dpredictbench.theme=$theme -jar target/app/predictbench.jar workbench \
        --bundle sample-models/digits --data sample-models/digits/unseen.csv \
        --validation sample-models/digits/validation.csv >/dev/null 2>&1 &
      app=\$!
      sleep 15
      win=\$(xdotool search --sync --name PredictBench | head -1)
      xdotool windowfocus --sync \$win
      xdotool key --window \$win ctrl+r; sleep 4
      xdotool key --window \$win ctrl+shift+f; sleep 4
      xdotool key --window \$win ctrl+u; sleep 8
      i=1
      for view in overview model data predictions calibration uncertainty drift compare; do
        xdotool key --window \$win ctrl+\$i; sleep 1.5
        import -window root assets/workbench-\$view-$theme-$size.png
        i=\$((i + 1))
      done
      kill \$app"
    echo "assets/workbench-*-$theme-$size.png"
  done
done
