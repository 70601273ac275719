#!/usr/bin/env bash
# Installs the .deb into a clean Debian 12 root (debootstrap), then, with networking
# switched off, checks that a headless command works on a shipped sample and that
# the workbench window appears under Xvfb. Needs root, debootstrap, and the .deb
# from `mvn -Pinstaller package`. Usage: installer/test-deb-in-clean-root.sh [ROOT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/installer/predictbench_*.deb)
root=${1:-/tmp/predictbench-clean-root}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ ! -x "$root/usr/bin/apt-get" ]; then
    echo "== debootstrap bookworm into $root"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >/tmp/debootstrap.log
fi
mount_all() {
    mount --bind /proc "$root/proc"; mount --bind /dev "$root/dev"; mount --bind /sys "$root/sys"
}
umount_all() {
    umount "$root/proc" "$root/dev" "$root/sys" 2>/dev/null || true
}
trap umount_all EXIT
mount_all
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/predictbench.deb"
# xdg-desktop-menu (the desktop entry) needs this folder, which minimal roots lack.
mkdir -p "$root/usr/share/desktop-directories"

echo "== apt-get install the .deb (and Xvfb to look at the window)"
chroot "$root" apt-get update -q >/dev/null
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/predictbench.deb xvfb xauth x11-utils >/tmp/apt-root.log
echo "installed: $(chroot "$root" dpkg -s predictbench | grep -E '^(Version|Installed-Size)')"
test -f "$root/usr/share/applications/predictbench-PredictBench.desktop" && echo "desktop menu entry: present"

echo "== headless, offline: inspect a shipped sample"
unshare --net chroot "$root" env HOME=/root /opt/predictbench/bin/PredictBench inspect \
    /opt/predictbench/lib/app/samples/breast-cancer > /tmp/inspect-root.log
grep -q "30 floats in, 1 per row out" /tmp/inspect-root.log && echo "inspect: ok"
unshare --net chroot "$root" env HOME=/root /opt/predictbench/bin/PredictBench score \
    /opt/predictbench/lib/app/samples/breast-cancer --input /opt/predictbench/lib/app/samples/breast-cancer/unseen.csv \
    --output /tmp/scored.csv --quiet
echo "score: $(wc -l < "$root/tmp/scored.csv") lines written"

echo "== the window, offline, under Xvfb"
unshare --net chroot "$root" env HOME=/root sh -c '
    xvfb-run -a sh -c "/opt/predictbench/bin/PredictBench >/tmp/app.log 2>&1 & sleep 25; xwininfo -root -tree" ' \
    > /tmp/windows-root.log
grep -q '"PredictBench"' /tmp/windows-root.log && echo "window: PredictBench is on screen"
ls -la "$deb" | awk '{print "package size: " $5 " bytes"}'
