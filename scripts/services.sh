#!/usr/bin/env bash
# Starts (or stops) throwaway PostgreSQL and Redis servers on 127.0.0.1 for the test suites,
# without systemd: PostgreSQL runs as the `postgres` user in a temporary data directory, Redis
# without persistence. Prints `export DATABASE_URL=… REDIS_URL=…` lines for `eval`.
#
#   eval "$(scripts/services.sh start)"   # start both, export their URLs
#   scripts/services.sh stop              # stop what start started (by PID)
set -euo pipefail
state="${MONBAN_SERVICES_DIR:-${TMPDIR:-/tmp}/monban-services}"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  mkdir -p "$state"
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$pgbin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
  command -v redis-server >/dev/null || { echo "redis-server is not installed" >&2; exit 1; }

  local pgport redisport pgdata
  pgport=$(free_port)
  redisport=$(free_port)
  pgdata="$state/pgdata"
  rm -rf "$pgdata"
  mkdir -p "$pgdata"
  chown postgres:postgres "$pgdata" "$state" 2>/dev/null || true
  local as_pg=()
  [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
  "${as_pg[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$state/postgres.log" -w \
    -o "-p $pgport -k $state -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  "${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres monban_test
  echo "$pgport" >"$state/pgport"

  redis-server --port "$redisport" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$state/redis.pid" --logfile "$state/redis.log" --dir "$state"
  for _ in $(seq 50); do redis-cli -p "$redisport" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "$redisport" >"$state/redisport"

  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$pgport/monban_test"
  echo "export REDIS_URL=redis://127.0.0.1:$redisport"
}

stop() {
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -f "$state/pgdata/postmaster.pid" ]; then
    local as_pg=()
    [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$state/pgdata" -m fast stop >/dev/null 2>&1 || \
      kill "$(head -n 1 "$state/pgdata/postmaster.pid")" 2>/dev/null || true
  fi
  if [ -f "$state/redis.pid" ]; then kill "$(cat "$state/redis.pid")" 2>/dev/null || true; fi
  for _ in 1 2 3 4 5; do rm -rf "$state" 2>/dev/null && break; sleep 0.5; done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
