#!/usr/bin/env bash
# Start PostgreSQL and Redis from the OS packages when Docker is not available.
#   infra/local/services.sh ensure   start whichever is not answering, create the test database
#   infra/local/services.sh status   say which answer
set -euo pipefail

PGHOST_ADDR="${PGHOST_ADDR:-127.0.0.1}"
PGPORT_NUM="${PGPORT_NUM:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"

pg_up() { pg_isready -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -q 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

wait_for() { # name check-function
  for _ in $(seq 1 60); do "$2" && return 0; sleep 0.5; done
  echo "$1 did not come up within 30 s" >&2; return 1
}

start_pg() {
  if ! command -v pg_ctlcluster >/dev/null; then
    echo "PostgreSQL is not running and pg_ctlcluster is not installed: apt-get install -y postgresql" >&2; return 1
  fi
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  wait_for PostgreSQL pg_up
}

start_redis() {
  if ! command -v redis-server >/dev/null; then
    echo "Redis is not running and redis-server is not installed: apt-get install -y redis-server" >&2; return 1
  fi
  echo "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis redis_up
}

create_test_db() {
  local db
  for db in test; do
    psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
      || psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -c "CREATE DATABASE $db" >/dev/null
  done
}

case "${1:-ensure}" in
  ensure)
    pg_up && echo "PostgreSQL answers on $PGHOST_ADDR:$PGPORT_NUM" || start_pg
    redis_up && echo "Redis answers on 127.0.0.1:$REDIS_PORT" || start_redis
    create_test_db
    ;;
  status)
    pg_up && echo "PostgreSQL: up" || echo "PostgreSQL: down"
    redis_up && echo "Redis: up" || echo "Redis: down"
    ;;
  *) echo "usage: $0 ensure|status" >&2; exit 2 ;;
esac
