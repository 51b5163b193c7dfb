#!/usr/bin/env bash
# What the server's tests need besides .NET: PostgreSQL (a private cluster on a loopback port) and Debian's Chromium
# with its chromedriver (headless). Idempotent; only loopback; nothing is downloaded but Debian packages.
#   bash .ci/services.sh start   install what is missing (as root, through apt-get), start PostgreSQL, write the
#                                variables the tests read to $EMRCAT_SERVICES_ENV (default /tmp/emrcat-services.env)
#   bash .ci/services.sh stop    stop the private PostgreSQL cluster
# Exit status of start: 0 when both are ready, 1 when something is missing (said on stderr; the tests then skip).
set -uo pipefail
pg_dir="${EMRCAT_PG_DIR:-/tmp/emrcat-pg}"
pg_port="${EMRCAT_PG_PORT:-55432}"
env_file="${EMRCAT_SERVICES_ENV:-/tmp/emrcat-services.env}"
chromium="${EMRCAT_CHROMIUM:-/usr/bin/chromium}"
chromedriver="${EMRCAT_CHROMEDRIVER:-/usr/bin/chromedriver}"

pg_started=0
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
# PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

install_missing() {
  local packages=()
  [ -n "$(pg_bin)" ] || packages+=(postgresql)
  [ -x "$chromium" ] || packages+=(chromium)
  [ -x "$chromedriver" ] || packages+=(chromium-driver)
  [ ${#packages[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "services: cannot install ${packages[*]} (needs root and apt-get); the tests that need them will be skipped" >&2
    return 1
  fi
  echo "services: apt-get install ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${packages[@]}" >/dev/null
}

start_postgres() {
  local bin; bin="$(pg_bin)"
  [ -n "$bin" ] || { echo "services: PostgreSQL is not installed" >&2; return 1; }
  if [ -f "$pg_dir/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$pg_dir" status >/dev/null 2>&1; then
    echo "services: PostgreSQL already running on 127.0.0.1:$pg_port"
  else
    rm -rf "$pg_dir" && mkdir -p "$pg_dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_dir"
    as_pg "$bin/initdb" -D "$pg_dir" -U postgres --auth=trust -E UTF8 --no-instructions >"$pg_dir.init.log" 2>&1 \
      || { cat "$pg_dir.init.log" >&2; return 1; }
    # Two server nodes with their connection pools, plus the tests: room for 300 connections.
    as_pg "$bin/pg_ctl" -D "$pg_dir" -l "$pg_dir/server.log" -w -t 60 \
      -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_dir -c max_connections=300 -c shared_buffers=128MB" start >/dev/null \
      || { tail -20 "$pg_dir/server.log" >&2; return 1; }
    echo "services: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') started on 127.0.0.1:$pg_port ($pg_dir)"
    pg_started=1
  fi
  as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'emrcat'" | grep -q 1 \
    || as_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres emrcat
}

case "${1:-}" in
  start)
    ok=0
    install_missing || ok=1
    : >"$env_file"
    if start_postgres; then
      echo "export EMRCAT_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=emrcat' EMRCAT_PG_STARTED=$pg_started" >>"$env_file"
    else
      ok=1
    fi
    if [ -x "$chromium" ] && [ -x "$chromedriver" ]; then
      echo "export EMRCAT_CHROMIUM='$chromium' EMRCAT_CHROMEDRIVER='$chromedriver'" >>"$env_file"
      echo "services: $("$chromium" --version 2>/dev/null | head -1), $("$chromedriver" --version | awk '{print $1, $2}')"
    else
      echo "services: Chromium or chromedriver missing" >&2; ok=1
    fi
    exit $ok
    ;;
  stop)
    bin="$(pg_bin)"
    if [ -n "$bin" ] && [ -f "$pg_dir/PG_VERSION" ]; then as_pg "$bin/pg_ctl" -D "$pg_dir" -m fast stop >/dev/null 2>&1 && echo "services: PostgreSQL stopped"; fi
    exit 0
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
