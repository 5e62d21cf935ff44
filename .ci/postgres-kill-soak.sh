#!/usr/bin/env bash
# The multi-instance process-kill soak on PostgreSQL: K merchant processes
# (alipayplus-postgres-soak-merchant) on one database, commands and the sandbox's notifications
# spread over them, each killed with SIGKILL at random moments and restarted; the sandbox's ledger
# judges at the end. Prints the seed (it varies per run unless ALIPAYPLUS_SOAK_SEED is set) and one
# summary line; exits 1 on a violation.
#
#   .ci/postgres-kill-soak.sh                       # starts a throwaway cluster (.ci/with-postgres.sh)
#   ALIPAYPLUS_TEST_DATABASE_URL=postgres://… .ci/postgres-kill-soak.sh   # an existing, empty database
#
# Settings (environment): ALIPAYPLUS_SOAK_BUILD=debug|release (debug), ALIPAYPLUS_SOAK_INSTANCES (3),
# ALIPAYPLUS_SOAK_CHARGES (2000), ALIPAYPLUS_SOAK_KILLS (20), ALIPAYPLUS_SOAK_SEED (from the time),
# ALIPAYPLUS_SCRATCH (the build folder .ci/integration-tests shares between packages; the package's own by default).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ALIPAYPLUS_TEST_DATABASE_URL:-}" ]; then
  exec .ci/with-postgres.sh "$0" "$@"
fi

BUILD="${ALIPAYPLUS_SOAK_BUILD:-debug}"
INSTANCES="${ALIPAYPLUS_SOAK_INSTANCES:-3}"
CHARGES="${ALIPAYPLUS_SOAK_CHARGES:-2000}"
KILLS="${ALIPAYPLUS_SOAK_KILLS:-20}"
SEED="${ALIPAYPLUS_SOAK_SEED:-$(date +%s%6N)}"

# Both executables from the Postgres package's build folder (the root package is its dependency, so
# its `alipayplus` product is built there too, sharing the compiled library with the package's tests).
build=(swift build --package-path Integrations/Postgres -c "$BUILD")
if [ -n "${ALIPAYPLUS_SCRATCH:-}" ]; then build+=(--scratch-path "$ALIPAYPLUS_SCRATCH"); fi
"${build[@]}" --product alipayplus-postgres-soak-merchant
"${build[@]}" --product alipayplus
BIN="$("${build[@]}" --show-bin-path)"

echo "postgres-kill-soak: seed=$SEED instances=$INSTANCES charges=$CHARGES kills=$KILLS build=$BUILD" >&2
exec "$BIN/alipayplus" soak --processes --instances "$INSTANCES" --charges "$CHARGES" --kills "$KILLS" --seed "$SEED" \
  --merchant-executable "$BIN/alipayplus-postgres-soak-merchant" \
  --merchant-arg --database-url --merchant-arg "$ALIPAYPLUS_TEST_DATABASE_URL"
