#!/bin/sh
# tests/check-potfiles.sh — every file with translatable strings is listed in po/POTFILES.in,
# and every file listed there exists.
# SPDX-License-Identifier: GPL-3.0-or-later

top=${1:-.}
cd "$top" || exit 1
status=0

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done

marked=$( { grep -rlE '\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(' src --include='*.c';
            grep -rl 'translatable="yes"' ui --include='*.ui';
            ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null;
            find data/atlas -name '*.xml' 2>/dev/null; } | sort -u)

for f in $marked; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "$f has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done

exit $status
