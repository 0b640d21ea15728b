#!/usr/bin/env bash
# Installs PostgreSQL and Redis from the Debian/Ubuntu packages and lets local connections in
# without a password, which is what the tests and services.sh expect:
#   postgres://postgres@127.0.0.1:5432/test   and   redis://127.0.0.1:6379
# For a development machine or a CI container only: `trust` on 127.0.0.1 means any local user
# is the database superuser. Needs root. Safe to run again.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "run as root (sudo $0)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
missing=()
command -v pg_ctlcluster >/dev/null || missing+=(postgresql postgresql-client)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

version="$(ls /etc/postgresql | sort -V | tail -1)"
hba="/etc/postgresql/$version/main/pg_hba.conf"
if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
  cp "$hba" "$hba.before-vinhdanh"
  # Our lines first: pg_hba.conf is read top to bottom and the first match wins.
  { printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n'; cat "$hba.before-vinhdanh"; } >"$hba"
  echo "pg_hba.conf: local connections trusted (previous file kept as $hba.before-vinhdanh)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload 2>/dev/null || true
fi

echo "installed; now: bash infra/local/services.sh ensure"
