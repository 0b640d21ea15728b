#!/usr/bin/env bash
# Checks infra/ without a Docker engine or a cluster, in a few seconds:
#   1. the compose files against the Compose schema (`docker-compose config -q`, or
#      `docker compose config -q`), installing Debian's docker-compose if it is missing and apt
#      answers; if neither works, says so and relies on step 2;
#   2. infra/ci/check-manifests.cjs: every Kubernetes manifest and compose file parsed with the
#      `yaml` package and checked for what infra/README.md promises (probes, resources, Redis AOF
#      and noeviction, two API and two worker processes behind the proxy, references that resolve);
#   3. that the checker still catches a broken manifest (so step 2 cannot pass by checking nothing);
#   4. `nginx -t` on the proxy configuration when nginx is installed, and `bash -n` on the scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

compose_files=(infra/compose/compose.yaml infra/compose/compose.cluster.yaml)

compose_cmd() {
  if command -v docker-compose >/dev/null 2>&1; then
    echo docker-compose
  elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    echo "docker compose"
  fi
}

try_install_compose() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  echo "== docker-compose is missing; trying apt-get (bounded, CI goes on without it)"
  timeout 180 apt-get install -y -qq docker-compose >/dev/null 2>&1 && return 0
  timeout 120 apt-get update -qq >/dev/null 2>&1 && timeout 180 apt-get install -y -qq docker-compose >/dev/null 2>&1
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
: >"$scratch/empty.env"

compose="$(compose_cmd)"
if [ -z "$compose" ]; then
  try_install_compose || true
  compose="$(compose_cmd)"
fi

if [ -n "$compose" ]; then
  for file in "${compose_files[@]}"; do
    # Compose interpolates ${VAR:-default}; a developer's .env must not decide whether CI passes.
    $compose --project-directory "$(dirname "$file")" --env-file "$scratch/empty.env" -f "$file" config -q
    echo "ok   $compose config: $file"
  done
else
  echo "SKIP compose schema check: neither docker-compose nor 'docker compose' is available (apt unreachable); structural checks only"
fi

node infra/ci/check-manifests.cjs

if command -v nginx >/dev/null 2>&1; then
  # nginx -t resolves upstream names; the compose service names only exist inside compose.
  sed -E 's/server [A-Za-z0-9_.-]+:([0-9]+)/server 127.0.0.1:\1/' infra/compose/nginx/nginx.conf >"$scratch/nginx.conf"
  nginx -t -q -c "$scratch/nginx.conf" -p "$scratch" -g "pid $scratch/nginx.pid; error_log stderr;"
  echo "ok   nginx -t: infra/compose/nginx/nginx.conf"
else
  echo "SKIP nginx -t: nginx is not installed"
fi

# The checker must reject a manifest that breaks a promise. Each case runs on a scratch copy of
# infra/ (the rest of the repository linked in), which must first pass untouched: a case has to
# fail because of its one change, not because the copy is incomplete.
scratch_copy() {
  rm -rf "$scratch/repo" && mkdir -p "$scratch/repo"
  cp -r infra "$scratch/repo/"
  for entry in *; do
    [ "$entry" = infra ] || ln -s "$PWD/$entry" "$scratch/repo/$entry"
  done
}
scratch_copy
if ! node infra/ci/check-manifests.cjs "$scratch/repo" >/dev/null 2>&1; then
  echo "FAIL the manifest checker rejects an untouched copy of infra/" >&2
  exit 1
fi
mutate() { # description, file, sed expression
  scratch_copy
  sed -i "$3" "$scratch/repo/$2"
  if node infra/ci/check-manifests.cjs "$scratch/repo" >/dev/null 2>&1; then
    echo "FAIL the manifest checker accepted: $1" >&2
    exit 1
  fi
  echo "ok   the manifest checker rejects: $1"
}
mutate "a worker without a liveness probe" infra/k8s/worker-deployment.yaml '/livenessProbe:/,+4d'
mutate "Redis that may evict BullMQ keys" infra/compose/compose.yaml 's/- noeviction/- allkeys-lru/'
mutate "an API instance left out of the proxy" infra/compose/nginx/nginx.conf '/server api-2/d'
mutate "pods listening on 127.0.0.1 only" infra/k8s/configmap.yaml '/HOST: 0.0.0.0/d'
mutate "an image built from a file that does not exist" infra/docker/Dockerfile 's/^COPY apps /COPY apps-missing /'

for script in infra/local/*.sh infra/compose/*.sh .ci/check-infra.sh; do
  bash -n "$script"
done
echo "ok   bash -n on the infra scripts"
