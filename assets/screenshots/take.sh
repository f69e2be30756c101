#!/bin/sh
# Retakes the README screenshots from the real Orrery window under Xvfb (needs xvfb, libgtk-3-0).
#   assets/screenshots/take.sh
# The window saves a PNG of its own scene once the cluster is drawn (ORRERY_SCREENSHOT), then quits.
set -e
cd "$(dirname "$0")/../.."
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mvn -q -o compile
shoot() {
    ORRERY_HOME="$home" ORRERY_CLUSTER="$1" ORRERY_SCREENSHOT="$2" ORRERY_SELECT="$3" \
        timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" mvn -q -o javafx:run
}
shoot assets/examples/crater.json assets/screenshots/topology.png app-2
shoot assets/screenshots/crater-30-app-servers.json assets/screenshots/topology-30-app-servers.png ""
# The live sandbox: a fresh home is a first start, so the window starts the sandbox cluster
# (real app processes and nginx) and saves the picture once every app server is up.
live() { # PNG SCENE SELECT
    sandbox_home=$(mktemp -d)
    ORRERY_HOME="$sandbox_home" ORRERY_SCREENSHOT="$1" ORRERY_SCREENSHOT_SCENE="$2" ORRERY_SELECT="$3" \
        timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" mvn -q -o javafx:run
    rm -rf "$sandbox_home"
}
live assets/screenshots/sandbox.png "" app-1
# app-2 crashed (Simulate failure): red on the node, in the status bar and a notification.
live assets/screenshots/sandbox-down.png down app-2
# "Deploy next version" caught with one node mid-switch and the other already on v2.
live assets/screenshots/sandbox-deploy.png deploy ""
# The Health tab: a minute of the live charts of the sandbox's app servers.
sandbox_home=$(mktemp -d)
ORRERY_HOME="$sandbox_home" ORRERY_SCREENSHOT=assets/screenshots/health.png ORRERY_SCREENSHOT_TAB=health ORRERY_SCREENSHOT_FILL=60 \
    timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" mvn -q -o javafx:run
rm -rf "$sandbox_home"
