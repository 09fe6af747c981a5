# build-aux/setup.sh — shared by build-aux/run and build-aux/test: installs the Debian packages
# Palpate needs (only the missing ones) and configures and builds a build folder.
# SPDX-License-Identifier: GPL-3.0-or-later

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build, run and test on Debian 12; the fonts draw Arabic, CJK and emoji names; openssl and
# glib-networking make and serve the certificates of the TLS test (tests/test-db-tls.c);
# gnome-keyring and a session bus keep the clinic server's password in its test.
palpate_packages=(
  build-essential meson ninja-build pkg-config gettext
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev libsodium-dev libpq-dev
  libsecret-1-dev
  postgresql-15
  desktop-file-utils appstream librsvg2-common
  xvfb xauth libxtst-dev poppler-utils sqlite3 locales python3-jsonschema
  openssl glib-networking gnome-keyring dbus-daemon
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

# A throwaway PostgreSQL 15 server for the tests of a clinic on a server: a data folder and a
# Unix socket in a temporary folder, no TCP, trust for the local socket only (but for one role
# that gives a password). Exports
# PALPATE_TEST_POSTGRESQL (a libpq conninfo on which the tests create their own databases);
# stop_test_server stops it and removes the folder. Without the server's binaries the variable
# stays unset and those tests say that they were skipped and why.
pg_bindir=/usr/lib/postgresql/15/bin
test_server_dir=

start_test_server () {
  local as=() owner

  if [ ! -x "$pg_bindir/initdb" ] || [ ! -x "$pg_bindir/pg_ctl" ]; then
    echo "build-aux: no PostgreSQL 15 server in $pg_bindir; the clinic server tests are skipped" >&2
    return 0
  fi
  test_server_dir=$(mktemp -d /tmp/palpate-pg.XXXXXX)
  # The server refuses to run as root: as root it runs as the postgres user.
  if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    chown "$owner" "$test_server_dir"
    as=(runuser -u "$owner" --)
  else
    owner=$(id -un)
  fi
  # One role, palpate_password, must give its password (the tests make it): a server that asks
  # one is tested too.
  if ! "${as[@]}" "$pg_bindir/initdb" -D "$test_server_dir/data" -U "$owner" --auth=trust \
         --no-sync -E UTF8 --locale=C.UTF-8 >"$test_server_dir/initdb.log" 2>&1 ||
     ! "${as[@]}" sed -i '1i local all palpate_password scram-sha-256' \
         "$test_server_dir/data/pg_hba.conf" ||
     ! "${as[@]}" "$pg_bindir/pg_ctl" -D "$test_server_dir/data" -l "$test_server_dir/server.log" \
         -w -o "-k $test_server_dir -c listen_addresses='' -c max_connections=200 -c fsync=off" \
         start >/dev/null; then
    echo "build-aux: the PostgreSQL test server did not start; the clinic server tests are skipped:" >&2
    cat "$test_server_dir/initdb.log" "$test_server_dir/server.log" >&2 2>/dev/null || true
    stop_test_server
    return 0
  fi
  export PALPATE_TEST_POSTGRESQL="host=$test_server_dir user=$owner dbname=postgres"
}

stop_test_server () {
  local as=()

  [ -n "$test_server_dir" ] || return 0
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  if [ -f "$test_server_dir/data/postmaster.pid" ]; then
    "${as[@]}" "$pg_bindir/pg_ctl" -D "$test_server_dir/data" -m immediate -w stop \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$test_server_dir"
  test_server_dir=
  unset PALPATE_TEST_POSTGRESQL
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
