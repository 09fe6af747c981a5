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

# A German locale, so that the tests check what a comma for decimals does to the clinic file.
ensure_test_locale () {
  local sudo=()

  locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' && return 0
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo=(sudo)
  echo "Generating the de_DE.UTF-8 locale"
  "${sudo[@]}" localedef -i de_DE -f UTF-8 de_DE.UTF-8 ||
    echo "build-aux: could not generate de_DE.UTF-8; the decimal-comma test will be skipped" >&2
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
