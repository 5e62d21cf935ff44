#!/usr/bin/env bash
# The database's own cost of a charge: pgbench (libpq, C) sends exactly the statements the store
# sends for one successful charge (the bindings read, insert_payment_under_lease,
# replace_payment_releasing), 16 clients for 8 s, and `SELECT 1` for the client's floor. Charges per
# second here are what the server (plus a near-free client) can do on this machine: the Swift
# bench's Postgres row cannot beat them.
#
#   .ci/with-postgres.sh Integrations/Postgres/Scripts/pgbench-charge-statements.sh <alipayplus-postgres-bench binary>
#
# The bench binary creates the schema and its bindings and payments (one short run); the script
# reads a real binding and payment body from them.
set -euo pipefail
BENCH="${1:?usage: $0 <path to alipayplus-postgres-bench>}"
: "${ALIPAYPLUS_TEST_DATABASE_URL:?run under .ci/with-postgres.sh}"
URL="$ALIPAYPLUS_TEST_DATABASE_URL"
PG_BIN="${ALIPAYPLUS_TEST_PG_BIN:-$(dirname "$(command -v pgbench)")}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$BENCH" --rounds 1 --seconds 1 >/dev/null || true
psql() { "$PG_BIN/psql" "$URL" -qAt -c "$1"; }
SCHEMA="$(psql "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench_%' ORDER BY nspname LIMIT 1")"
[ -n "$SCHEMA" ] || { echo "the bench created no schema" >&2; exit 1; }
USER_ID="$(psql "SELECT merchant_user_id FROM $SCHEMA.bindings LIMIT 1")"
BINDING="$(psql "SELECT binding_id FROM $SCHEMA.bindings WHERE merchant_user_id = '$USER_ID' LIMIT 1")"
BODY="$(psql "SELECT body::text FROM $SCHEMA.payments LIMIT 1")"
[ -n "$BODY" ] || { echo "the bench stored no payment" >&2; exit 1; }

# :n is a fresh random id per charge (payment id, order id and lease name alike).
cat >"$WORK/charge.sql" <<SQL
\set n random(1, 1000000000000)
SELECT version, body::text FROM $SCHEMA.bindings WHERE merchant_user_id = '$USER_ID' ORDER BY created_at, binding_id;
SELECT fencing_token, outcome FROM $SCHEMA.insert_payment_under_lease(:n, 'pgbench', 1.0, 99999999999.0, :n, :n, '$USER_ID', '$BINDING', 'created', 'HKD', 599, 1.0, \$body\$$BODY\$body\$::jsonb) \gset lease_
SELECT outcome FROM $SCHEMA.replace_payment_releasing(:n, 1, :n, '$USER_ID', '$BINDING', 'succeeded', 'HKD', 599, \$body\$$BODY\$body\$::jsonb, :n, :lease_fencing_token);
SQL
echo 'SELECT 1;' >"$WORK/select1.sql"

run() { "$PG_BIN/pgbench" -n -c 16 -j 2 -T 8 "$@" "$URL" 2>&1 | awk '/^tps/ {print $3}'; }
echo "schema $SCHEMA, 16 clients, 8 s each (tps = transactions of the script per second)"
echo "select 1, extended protocol:        $(run -M extended -f "$WORK/select1.sql") statements/s"
echo "charge statements, extended:        $(run -M extended -f "$WORK/charge.sql") charges/s (as postgres-nio sends them: unnamed statements)"
echo "charge statements, prepared:        $(run -M prepared -f "$WORK/charge.sql") charges/s (server-side prepared, for comparison)"
echo "stored by this run: $(psql "SELECT count(*) FROM $SCHEMA.payments WHERE merchant_user_id = '$USER_ID' AND payment_request_id ~ '^[0-9]+\$' AND state = 'succeeded'") charges, leases left: $(psql "SELECT count(*) FROM $SCHEMA.leases WHERE owner = 'pgbench'")"
