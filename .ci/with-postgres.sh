#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: installs Debian's server when `initdb` is
# missing, starts a cluster in a temporary folder on a free loopback port (as the `postgres` user
# when run as root), creates the database `alipayplus`, exports
#   ALIPAYPLUS_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/alipayplus
#   ALIPAYPLUS_TEST_PG_BIN=<the server's bin folder, with pg_dump>
# runs the command, then stops the cluster and deletes the folder, exiting with the command's code.
# Fails loudly (exit 97) when the server cannot be installed or started.
#
#   .ci/with-postgres.sh swift test --package-path Integrations/Postgres
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [arguments...]" >&2
  exit 2
fi

fail() {
  echo "with-postgres: $*" >&2
  exit 97
}

find_bin() {
  local candidate
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  for candidate in /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! PG_BIN="$(find_bin)"; then
  echo "with-postgres: initdb not found; installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq postgresql >/dev/null || fail "apt-get install postgresql failed"
  PG_BIN="$(find_bin)" || fail "postgresql was installed but no initdb was found in /usr/lib/postgresql/*/bin"
fi

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')" \
  || fail "could not pick a free loopback port"
CLUSTER="$(mktemp -d "${TMPDIR:-/tmp}/alipayplus-pg.XXXXXX")"
DATA="$CLUSTER/data"
LOG="$CLUSTER/server.log"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || fail "running as root, but there is no 'postgres' user to run the server as"
  chown postgres "$CLUSTER"
fi
chmod 700 "$CLUSTER"

STARTED=0
cleanup() {
  local code=$?
  if [ "$STARTED" -eq 1 ]; then
    as_owner "'$PG_BIN/pg_ctl' -D '$DATA' -m fast -w stop" >/dev/null 2>&1 \
      || as_owner "'$PG_BIN/pg_ctl' -D '$DATA' -m immediate -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$CLUSTER"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_owner "'$PG_BIN/initdb' -A trust -U postgres -E UTF8 --no-locale -D '$DATA'" >"$CLUSTER/initdb.log" 2>&1 \
  || { cat "$CLUSTER/initdb.log" >&2; fail "initdb failed (log above)"; }

STARTED=1
if ! as_owner "'$PG_BIN/pg_ctl' -D '$DATA' -l '$LOG' -o \"-p $PORT -k '$CLUSTER' -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off\" -w -t 60 start" >/dev/null 2>&1; then
  cat "$LOG" >&2 || true
  fail "the PostgreSQL server did not start on 127.0.0.1:$PORT (server log above)"
fi

"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres alipayplus \
  || fail "the server started but the database 'alipayplus' could not be created"

export ALIPAYPLUS_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/alipayplus"
export ALIPAYPLUS_TEST_PG_BIN="$PG_BIN"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($CLUSTER)" >&2

set +e
"$@"
CODE=$?
set -e
exit "$CODE"
