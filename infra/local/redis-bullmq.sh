#!/usr/bin/env bash
# A second, durable Redis configured as BullMQ needs it in production, for running the worker
# locally the way it runs in compose and Kubernetes. (services.sh starts the test Redis with
# persistence off: tests do not need it and it is faster.)
#   infra/local/redis-bullmq.sh start   port 6380, data in ./data/redis-bullmq
#   infra/local/redis-bullmq.sh stop
#   REDIS_URL=redis://127.0.0.1:6380 node dist/apps/worker/src/main.js
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${REDIS_BULLMQ_PORT:-6380}"
DIR="${REDIS_BULLMQ_DIR:-$PWD/data/redis-bullmq}"

case "${1:-start}" in
  start)
    command -v redis-server >/dev/null || { echo "redis-server is not installed: infra/local/install-packages.sh" >&2; exit 1; }
    if redis-cli -p "$PORT" ping 2>/dev/null | grep -q PONG; then
      echo "a Redis already answers on $PORT"
    else
      mkdir -p "$DIR"
      # appendonly + appendfsync everysec: jobs (deadline timers) survive a crash, losing at most
      # one second; noeviction: a full Redis refuses writes instead of dropping jobs.
      redis-server --daemonize yes --bind 127.0.0.1 --port "$PORT" --dir "$DIR" \
        --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
        --logfile "$DIR/redis.log" --pidfile "$DIR/redis.pid"
      for _ in $(seq 1 40); do redis-cli -p "$PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.25; done
      echo "Redis for BullMQ on 127.0.0.1:$PORT (AOF, noeviction), data in $DIR"
    fi
    redis-cli -p "$PORT" config get maxmemory-policy | tail -1
    ;;
  stop)
    redis-cli -p "$PORT" shutdown 2>/dev/null && echo "stopped Redis on $PORT" || echo "no Redis on $PORT"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
