#!/bin/sh
# tests/check-translations.sh — the complete translations stay complete: every message of the
# sources (extracted as the po/ build does) has a translation in each listed language, none
# fuzzy. Writes nothing into the source tree.
# SPDX-License-Identifier: GPL-3.0-or-later

top=${1:-.}
complete=${2:-fr}
cd "$top" || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

GETTEXTDATADIRS="$PWD/data" xgettext --package-name=palpate --from-code=UTF-8 \
  --add-comments=Translators --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dcgettext:2 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --files-from=po/POTFILES.in --output="$work/palpate.pot" || exit 1

status=0
for lang in $complete; do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/palpate.pot" -o "$work/$lang.po" ||
    exit 1
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$work/$lang.po" 2>&1)
  echo "$lang: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      echo "po/$lang.po is missing these messages:"
      msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep '^msgid' | sed 1d | head -50
      status=1
      ;;
  esac
done

exit $status
