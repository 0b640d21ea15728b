#!/usr/bin/env bash
# Makes the secrets compose.yaml and compose.cluster.yaml expect, for a development machine:
#   secrets/ledger-signing-key.pem   Ed25519 private key (PKCS#8 PEM) for ledger checkpoints
#   .env                             JWT_SECRET and POSTGRES_PASSWORD, random
# Existing files are kept: re-running never rotates a key behind your back (see infra/README.md,
# "Ledger signing keys", for rotation). Production keys come from a secret manager, not this.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets

key=secrets/ledger-signing-key.pem
if [ -f "$key" ]; then
  echo "keeping $key"
else
  umask 077
  if command -v openssl >/dev/null; then
    openssl genpkey -algorithm ed25519 -out "$key"
  else
    node -e "const {generateKeyPairSync}=require('node:crypto');process.stdout.write(generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'pem'}))" >"$key"
  fi
  # The containers run as uid 1000 (user node) and read the file through a bind mount.
  chmod 644 "$key"
  echo "wrote $key"
fi

random() { node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64url'))"; }
if [ -f .env ]; then
  echo "keeping .env"
else
  umask 077
  printf 'JWT_SECRET=%s\nPOSTGRES_PASSWORD=%s\n' "$(random)" "$(random)" >.env
  echo "wrote .env"
fi
