# build-aux/setup.sh — shared by build-aux/run and build-aux/test: installs the Debian packages
# Palpate needs (only the missing ones) and configures and builds a build folder.
# SPDX-License-Identifier: GPL-3.0-or-later

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build, run and test on Debian 12; the fonts draw Arabic, CJK and emoji names.
palpate_packages=(
  build-essential meson ninja-build pkg-config gettext
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev libsodium-dev
  desktop-file-utils appstream librsvg2-common
  xvfb xauth libxtst-dev poppler-utils sqlite3 locales python3-jsonschema
  fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
)

ensure_packages () {
  local missing=() pkg sudo=()

  for pkg in "${palpate_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "Palpate needs these Debian packages: ${missing[*]}" >&2
      echo "Install them as root (apt-get install ${missing[*]}) and try again." >&2
      exit 1
    fi
  fi

  echo "Installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The locales the tests need: German (a comma for decimals) and Canadian French (dates).
ensure_test_locale () {
  local sudo=()
  local wanted

  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo=(sudo)
  # de_DE for the decimal comma, fr_CA for dates in French.
  for wanted in de_DE fr_CA; do
    locale -a 2>/dev/null | grep -qi "^$wanted\.utf-\?8\$" && continue
    echo "Generating the $wanted.UTF-8 locale"
    "${sudo[@]}" localedef -i "$wanted" -f UTF-8 "$wanted.UTF-8" ||
      echo "build-aux: could not generate $wanted.UTF-8; the tests that need it are skipped" >&2
  done
}

# configure_and_build BUILDDIR [MESON OPTIONS…]
configure_and_build () {
  local builddir=$1
  shift

  if [ ! -f "$top/$builddir/build.ninja" ]; then
    meson setup "$top/$builddir" "$top" "$@"
  fi
  ninja -C "$top/$builddir"
}
