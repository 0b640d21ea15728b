# Source this file to point the apps and tests at the local services:
#   source infra/local/env.sh
# Values already set in the environment win.
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export EVENT_STORE="${EVENT_STORE:-sqlite}"
# KURRENTDB_URL stays unset unless you run a KurrentDB (no OS package; Docker or a tarball):
# then the KurrentDB contract suite runs too.
