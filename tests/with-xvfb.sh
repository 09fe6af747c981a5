#!/bin/sh
# tests/with-xvfb.sh PROGRAM [ARGS…] — runs a GUI test program on an X server of its own.
#
# End-to-end tests move the pointer and press keys through the X server: two of them sharing
# one server would click into each other's windows. Each program therefore gets its own Xvfb,
# which is stopped however the program ends.
# SPDX-License-Identifier: GPL-3.0-or-later

display_file=$(mktemp)
log_file=$(mktemp)
Xvfb -displayfd 3 -screen 0 1920x1200x24 -nolisten tcp -noreset 3>"$display_file" \
  >"$log_file" 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null; wait $xvfb_pid 2>/dev/null; rm -f "$display_file" "$log_file"' EXIT INT TERM

i=0
while [ ! -s "$display_file" ] && [ $i -lt 100 ]; do
  sleep 0.05
  i=$((i + 1))
done
if [ ! -s "$display_file" ]; then
  echo "tests/with-xvfb.sh: the X server did not start:" >&2
  cat "$log_file" >&2
  exit 1
fi

DISPLAY=":$(head -n1 "$display_file")"
export DISPLAY
unset WAYLAND_DISPLAY

"$@"
