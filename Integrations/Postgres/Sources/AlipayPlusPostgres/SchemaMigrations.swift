// The store's schema as numbered migrations. A migration is never edited once released: a change
// to the schema is a new entry at the end. `PostgresSchemaMigrator` runs them in one transaction,
// under an advisory lock, with `search_path` set to the store's schema (so every name below is
// unqualified and every function is bound to that schema with `SET search_path FROM CURRENT`).
//
// Times that rules compare (lease expiry, oldest-first order) are `double precision` seconds since
// 2001-01-01 00:00:00 UTC, Foundation's reference date: the exact value of the records' `Date`, so
// the database orders and compares exactly as the library does.

/// One numbered step of the schema.
struct SchemaMigration: Sendable {
    /// Its number: migrations run in increasing order, each once.
    let version: Int
    /// What it does, recorded in `schema_migrations`.
    let description: String
    /// The statements, run in order in the migration's transaction.
    let statements: [String]
}

extension SchemaMigration {
    /// Every migration, oldest first; the last one's version is the schema version this build uses.
    static let all: [SchemaMigration] = [version1, version2, version3, version4]

    /// The schema version this build of the store reads and writes.
    static var currentVersion: Int { all.last?.version ?? 0 }

    /// The unfinished payment states, as SQL (the complement of `PaymentRecord.State.isFinal`).
    static let unfinishedStates = "('created', 'pending', 'cancelRequested')"

    static let version1 = SchemaMigration(version: 1, description: "records, rules, leases and their functions", statements: [
        // MARK: Tables
        """
        CREATE TABLE authorizations (
            auth_state       text PRIMARY KEY,
            merchant_user_id text NOT NULL,
            created_at       double precision NOT NULL,
            version          bigint NOT NULL CHECK (version >= 1),
            body             jsonb NOT NULL
        )
        """,
        """
        CREATE TABLE bindings (
            binding_id               text PRIMARY KEY,
            merchant_user_id         text NOT NULL,
            access_token_lookup_hash text NOT NULL CHECK (access_token_lookup_hash LIKE 'aph1.%'),
            status                   text NOT NULL,
            created_at               double precision NOT NULL,
            version                  bigint NOT NULL CHECK (version >= 1),
            body                     jsonb NOT NULL
        )
        """,
        "CREATE INDEX bindings_by_merchant_user ON bindings (merchant_user_id, created_at, binding_id)",
        "CREATE INDEX bindings_by_access_token_lookup_hash ON bindings (access_token_lookup_hash)",
        """
        CREATE TABLE payments (
            payment_request_id text PRIMARY KEY,
            reference_order_id text NOT NULL,
            merchant_user_id   text NOT NULL,
            binding_id         text NOT NULL,
            state              text NOT NULL CHECK (state IN ('created', 'pending', 'succeeded', 'failed', 'cancelRequested', 'canceled')),
            currency           text NOT NULL,
            amount_minor       bigint,
            refund_count       integer NOT NULL DEFAULT 0 CHECK (refund_count >= 0),
            refunded_minor     bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
            created_at         double precision NOT NULL,
            version            bigint NOT NULL CHECK (version >= 1),
            body               jsonb NOT NULL,
            CONSTRAINT payments_never_cancelled_with_refunds
                CHECK (refund_count = 0 OR state NOT IN ('cancelRequested', 'canceled'))
        )
        """,
        """
        CREATE UNIQUE INDEX payments_one_unfinished_per_order ON payments (reference_order_id)
            WHERE state IN \(unfinishedStates)
        """,
        """
        CREATE INDEX payments_unfinished_oldest_first ON payments (created_at, payment_request_id)
            WHERE state IN \(unfinishedStates)
        """,
        """
        CREATE TABLE refunds (
            refund_request_id  text PRIMARY KEY,
            payment_request_id text NOT NULL REFERENCES payments (payment_request_id),
            state              text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
            currency           text NOT NULL,
            amount_minor       bigint,
            created_at         double precision NOT NULL,
            version            bigint NOT NULL CHECK (version >= 1),
            body               jsonb NOT NULL
        )
        """,
        "CREATE INDEX refunds_by_payment ON refunds (payment_request_id, created_at, refund_request_id)",
        "CREATE INDEX refunds_pending_oldest_first ON refunds (created_at, refund_request_id) WHERE state = 'pending'",
        """
        CREATE TABLE delivery_keys (
            delivery_key text PRIMARY KEY,
            recorded_at  timestamptz NOT NULL DEFAULT now()
        )
        """,
        """
        CREATE TABLE leases (
            name          text PRIMARY KEY,
            owner         text NOT NULL,
            fencing_token bigint NOT NULL,
            expires_at    double precision NOT NULL
        )
        """,
        "CREATE SEQUENCE lease_fencing_tokens AS bigint",

        // MARK: Bindings
        """
        CREATE FUNCTION lease_is_newest(p_name text, p_token bigint) RETURNS boolean
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        BEGIN
            IF p_name IS NULL THEN RETURN true; END IF;
            -- FOR SHARE: a takeover (which updates the row) waits until this write's transaction ends.
            PERFORM 1 FROM leases WHERE name = p_name AND fencing_token = p_token FOR SHARE;
            RETURN FOUND;
        END $$
        """,
        """
        CREATE FUNCTION record_delivery(p_key text) RETURNS boolean
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        BEGIN
            IF p_key IS NULL THEN RETURN true; END IF;
            INSERT INTO delivery_keys (delivery_key) VALUES (p_key) ON CONFLICT DO NOTHING;
            RETURN FOUND;
        END $$
        """,
        """
        CREATE FUNCTION complete_authorization(
            p_binding_id text, p_merchant_user_id text, p_lookup_hash text, p_status text, p_created_at double precision,
            p_binding_body jsonb, p_auth_state text, p_auth_version bigint, p_auth_body jsonb,
            p_lease_name text, p_lease_token bigint,
            OUT outcome text, OUT record_id text, OUT stored_version bigint)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        DECLARE current_version bigint;
        BEGIN
            PERFORM 1 FROM bindings WHERE binding_id = p_binding_id;
            IF FOUND THEN outcome := 'duplicate'; RETURN; END IF;
            SELECT version INTO current_version FROM authorizations WHERE auth_state = p_auth_state FOR UPDATE;
            IF NOT FOUND THEN outcome := 'notFound'; RETURN; END IF;
            IF NOT lease_is_newest(p_lease_name, p_lease_token) THEN outcome := 'leaseLost'; RETURN; END IF;
            IF current_version <> p_auth_version THEN
                outcome := 'versionConflict'; stored_version := current_version; RETURN;
            END IF;
            INSERT INTO bindings (binding_id, merchant_user_id, access_token_lookup_hash, status, created_at, version, body)
                VALUES (p_binding_id, p_merchant_user_id, p_lookup_hash, p_status, p_created_at, 1, p_binding_body)
                ON CONFLICT DO NOTHING;
            IF NOT FOUND THEN outcome := 'duplicate'; RETURN; END IF;
            UPDATE authorizations SET version = current_version + 1, body = p_auth_body WHERE auth_state = p_auth_state;
            outcome := 'ok'; stored_version := current_version + 1;
        END $$
        """,
        """
        CREATE FUNCTION replace_binding(
            p_binding_id text, p_version bigint, p_merchant_user_id text, p_lookup_hash text, p_status text, p_body jsonb,
            p_lease_name text, p_lease_token bigint, p_delivery_key text,
            OUT outcome text, OUT record_id text, OUT stored_version bigint)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        DECLARE current_version bigint;
        BEGIN
            SELECT version INTO current_version FROM bindings WHERE binding_id = p_binding_id FOR UPDATE;
            IF NOT FOUND THEN outcome := 'notFound'; RETURN; END IF;
            IF NOT lease_is_newest(p_lease_name, p_lease_token) THEN outcome := 'leaseLost'; RETURN; END IF;
            PERFORM 1 FROM delivery_keys WHERE delivery_key = p_delivery_key;
            IF FOUND THEN outcome := 'duplicateDelivery'; RETURN; END IF;
            IF current_version <> p_version THEN
                outcome := 'versionConflict'; stored_version := current_version; RETURN;
            END IF;
            IF NOT record_delivery(p_delivery_key) THEN outcome := 'duplicateDelivery'; RETURN; END IF;
            UPDATE bindings SET version = current_version + 1, merchant_user_id = p_merchant_user_id,
                access_token_lookup_hash = p_lookup_hash, status = p_status, body = p_body
                WHERE binding_id = p_binding_id;
            outcome := 'ok'; stored_version := current_version + 1;
        END $$
        """,

        // MARK: Payments
        """
        CREATE FUNCTION insert_payment(
            p_id text, p_order text, p_merchant_user_id text, p_binding_id text, p_state text, p_currency text,
            p_amount_minor bigint, p_created_at double precision, p_body jsonb,
            OUT outcome text, OUT record_id text, OUT stored_version bigint)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        BEGIN
            INSERT INTO payments (payment_request_id, reference_order_id, merchant_user_id, binding_id, state, currency,
                                  amount_minor, created_at, version, body)
                VALUES (p_id, p_order, p_merchant_user_id, p_binding_id, p_state, p_currency, p_amount_minor, p_created_at, 1, p_body);
            outcome := 'ok'; stored_version := 1;
        EXCEPTION WHEN unique_violation THEN
            PERFORM 1 FROM payments WHERE payment_request_id = p_id;
            IF FOUND THEN outcome := 'duplicate'; RETURN; END IF;
            outcome := 'orderHasUnfinishedPayment';
            SELECT payment_request_id INTO record_id FROM payments
                WHERE reference_order_id = p_order AND state IN \(unfinishedStates) LIMIT 1;
        END $$
        """,
        """
        CREATE FUNCTION replace_payment(
            p_id text, p_version bigint, p_order text, p_merchant_user_id text, p_binding_id text, p_state text,
            p_currency text, p_amount_minor bigint, p_body jsonb, p_lease_name text, p_lease_token bigint, p_delivery_key text,
            OUT outcome text, OUT record_id text, OUT stored_version bigint, OUT refund_count integer, OUT refunded_minor bigint)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        DECLARE current payments%ROWTYPE;
        BEGIN
            SELECT * INTO current FROM payments WHERE payment_request_id = p_id FOR UPDATE;
            IF NOT FOUND THEN outcome := 'notFound'; RETURN; END IF;
            refund_count := current.refund_count; refunded_minor := current.refunded_minor;
            IF NOT lease_is_newest(p_lease_name, p_lease_token) THEN outcome := 'leaseLost'; RETURN; END IF;
            PERFORM 1 FROM delivery_keys WHERE delivery_key = p_delivery_key;
            IF FOUND THEN outcome := 'duplicateDelivery'; RETURN; END IF;
            IF current.version <> p_version THEN
                outcome := 'versionConflict'; stored_version := current.version; RETURN;
            END IF;
            IF p_state IN ('cancelRequested', 'canceled') AND current.state NOT IN ('cancelRequested', 'canceled')
               AND current.refund_count > 0 THEN
                outcome := 'cancelNotAllowed'; RETURN;
            END IF;
            BEGIN
                IF NOT record_delivery(p_delivery_key) THEN outcome := 'duplicateDelivery'; RETURN; END IF;
                UPDATE payments SET version = current.version + 1, reference_order_id = p_order,
                    merchant_user_id = p_merchant_user_id, binding_id = p_binding_id, state = p_state, currency = p_currency,
                    amount_minor = p_amount_minor, body = p_body
                    WHERE payment_request_id = p_id;
            EXCEPTION WHEN unique_violation THEN
                outcome := 'orderHasUnfinishedPayment';
                SELECT payment_request_id INTO record_id FROM payments
                    WHERE reference_order_id = p_order AND state IN \(unfinishedStates) AND payment_request_id <> p_id LIMIT 1;
                RETURN;
            END;
            outcome := 'ok'; stored_version := current.version + 1;
        END $$
        """,

        // MARK: Refunds
        """
        CREATE FUNCTION insert_refund(
            p_id text, p_payment_id text, p_currency text, p_amount_minor bigint, p_created_at double precision, p_body jsonb,
            OUT outcome text, OUT record_id text, OUT stored_version bigint, OUT left_minor bigint, OUT payment_state text,
            OUT payment_currency text)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        DECLARE payment payments%ROWTYPE;
        BEGIN
            PERFORM 1 FROM refunds WHERE refund_request_id = p_id;
            IF FOUND THEN outcome := 'duplicate'; RETURN; END IF;
            -- The payment row's lock serialises every refund of the payment and its cancel.
            SELECT * INTO payment FROM payments WHERE payment_request_id = p_payment_id FOR UPDATE;
            IF NOT FOUND THEN outcome := 'notFound'; RETURN; END IF;
            payment_state := payment.state; payment_currency := payment.currency;
            IF p_amount_minor IS NULL OR p_amount_minor <= 0 THEN outcome := 'invalidAmount'; RETURN; END IF;
            IF payment.state <> 'succeeded' THEN outcome := 'refundNotAllowed'; RETURN; END IF;
            IF payment.currency <> p_currency OR payment.amount_minor IS NULL THEN outcome := 'currencyMismatch'; RETURN; END IF;
            left_minor := payment.amount_minor - payment.refunded_minor;
            IF p_amount_minor > left_minor THEN outcome := 'refundLimitExceeded'; RETURN; END IF;
            BEGIN
                INSERT INTO refunds (refund_request_id, payment_request_id, state, currency, amount_minor, created_at, version, body)
                    VALUES (p_id, p_payment_id, 'pending', p_currency, p_amount_minor, p_created_at, 1, p_body);
            EXCEPTION WHEN unique_violation THEN
                outcome := 'duplicate'; RETURN;
            END;
            UPDATE payments SET refund_count = payment.refund_count + 1, refunded_minor = payment.refunded_minor + p_amount_minor,
                version = payment.version + 1
                WHERE payment_request_id = p_payment_id;
            outcome := 'ok'; stored_version := 1;
        END $$
        """,
        """
        CREATE FUNCTION replace_refund(
            p_id text, p_version bigint, p_payment_id text, p_state text, p_currency text, p_amount_minor bigint, p_body jsonb,
            p_lease_name text, p_lease_token bigint,
            OUT outcome text, OUT record_id text, OUT stored_version bigint)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        DECLARE
            current refunds%ROWTYPE;
            stored_payment text;
            counted_before boolean;
            counted_after boolean;
        BEGIN
            SELECT payment_request_id INTO stored_payment FROM refunds WHERE refund_request_id = p_id;
            IF NOT FOUND THEN outcome := 'notFound'; RETURN; END IF;
            -- Payment first, then refund: the order every writer of both takes its locks in.
            PERFORM 1 FROM payments WHERE payment_request_id IN (stored_payment, p_payment_id) ORDER BY payment_request_id FOR UPDATE;
            SELECT * INTO current FROM refunds WHERE refund_request_id = p_id FOR UPDATE;
            IF NOT lease_is_newest(p_lease_name, p_lease_token) THEN outcome := 'leaseLost'; RETURN; END IF;
            IF current.version <> p_version THEN
                outcome := 'versionConflict'; stored_version := current.version; RETURN;
            END IF;
            counted_before := current.state <> 'failed';
            counted_after := p_state <> 'failed';
            IF counted_before <> counted_after OR current.amount_minor IS DISTINCT FROM p_amount_minor
               OR current.payment_request_id <> p_payment_id THEN
                IF counted_before THEN
                    UPDATE payments SET refund_count = refund_count - 1, refunded_minor = refunded_minor - coalesce(current.amount_minor, 0),
                        version = version + 1 WHERE payment_request_id = current.payment_request_id;
                END IF;
                IF counted_after THEN
                    UPDATE payments SET refund_count = refund_count + 1, refunded_minor = refunded_minor + coalesce(p_amount_minor, 0),
                        version = version + CASE WHEN counted_before AND payment_request_id = current.payment_request_id THEN 0 ELSE 1 END
                        WHERE payment_request_id = p_payment_id;
                END IF;
            END IF;
            UPDATE refunds SET version = current.version + 1, payment_request_id = p_payment_id, state = p_state,
                currency = p_currency, amount_minor = p_amount_minor, body = p_body
                WHERE refund_request_id = p_id;
            outcome := 'ok'; stored_version := current.version + 1;
        END $$
        """,
        // MARK: Leases
        """
        CREATE FUNCTION acquire_lease(p_name text, p_owner text, p_now double precision, p_expires_at double precision)
            RETURNS bigint
        LANGUAGE sql SET search_path FROM CURRENT AS $$
            INSERT INTO leases AS held (name, owner, fencing_token, expires_at)
                VALUES (p_name, p_owner, nextval('lease_fencing_tokens'), p_expires_at)
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, fencing_token = excluded.fencing_token,
                    expires_at = excluded.expires_at
                WHERE held.expires_at <= p_now OR held.owner = p_owner
                RETURNING fencing_token
        $$
        """,
        """
        CREATE FUNCTION claim_recovery_work(p_owner text, p_now double precision, p_expires_at double precision, p_limit integer)
            RETURNS TABLE (kind text, request_id text, fencing_token bigint, version bigint, refund_count integer,
                           refunded_minor bigint, body jsonb)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        DECLARE
            candidate record;
            token bigint;
            claimed integer := 0;
        BEGIN
            FOR candidate IN
                WITH unfinished AS (
                    SELECT 'payment'::text AS kind, p.payment_request_id AS id, p.created_at FROM payments p
                    WHERE p.state IN \(unfinishedStates) AND NOT EXISTS (
                        SELECT 1 FROM leases l WHERE l.name = 'payment:' || p.payment_request_id AND l.expires_at > p_now)
                    ORDER BY p.created_at, p.payment_request_id LIMIT p_limit
                    FOR UPDATE OF p SKIP LOCKED
                ), pending AS (
                    SELECT 'refund'::text AS kind, r.refund_request_id AS id, r.created_at FROM refunds r
                    WHERE r.state = 'pending' AND NOT EXISTS (
                        SELECT 1 FROM leases l WHERE l.name = 'refund:' || r.refund_request_id AND l.expires_at > p_now)
                    ORDER BY r.created_at, r.refund_request_id LIMIT p_limit
                    FOR UPDATE OF r SKIP LOCKED
                )
                SELECT * FROM unfinished UNION ALL SELECT * FROM pending
                ORDER BY created_at, kind, id
            LOOP
                EXIT WHEN claimed >= p_limit;
                -- Taken only when free or expired, whoever holds it (a claim never fences a live charge).
                INSERT INTO leases AS held (name, owner, fencing_token, expires_at)
                    VALUES (candidate.kind || ':' || candidate.id, p_owner, nextval('lease_fencing_tokens'), p_expires_at)
                    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, fencing_token = excluded.fencing_token,
                        expires_at = excluded.expires_at
                    WHERE held.expires_at <= p_now
                    RETURNING held.fencing_token INTO token;
                CONTINUE WHEN token IS NULL;
                claimed := claimed + 1;
                IF candidate.kind = 'payment' THEN
                    RETURN QUERY SELECT candidate.kind, candidate.id, token, p.version, p.refund_count, p.refunded_minor, p.body
                        FROM payments p WHERE p.payment_request_id = candidate.id;
                ELSE
                    RETURN QUERY SELECT candidate.kind, candidate.id, token, r.version, 0, 0::bigint, r.body
                        FROM refunds r WHERE r.refund_request_id = candidate.id;
                END IF;
                token := NULL;
            END LOOP;
        END $$
        """,
    ])

    /// The key ids of the sealed values, indexed: what the store checks at open (every id in the
    /// ring) and what a rotation walks (the rows under an older key), without reading every row.
    ///
    /// A sealed value reads `aps1.<keyId>.<payload>` and a lookup hash `aph1.<keyId>.<digest>`; key
    /// ids and base64url hold no `.`, so the key id is the second `.`-separated part. The functions
    /// call only built-ins (no `search_path` needed) and are immutable, so they can be indexed.
    static let version2 = SchemaMigration(version: 2, description: "key ids of sealed values, indexed for key checks and rotation", statements: [
        """
        CREATE FUNCTION binding_key_ids(p_lookup_hash text, p_body jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT string_agg(DISTINCT id, ',' ORDER BY id) FROM (VALUES
                (split_part(p_lookup_hash, '.', 2)),
                (split_part(p_body->>'accessToken', '.', 2)),
                (split_part(p_body->>'refreshToken', '.', 2))) AS parts(id)
            WHERE id <> ''
        $$
        """,
        """
        CREATE FUNCTION authorization_key_id(p_body jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT nullif(split_part(p_body->>'sealedAuthCode', '.', 2), '')
        $$
        """,
        "CREATE INDEX bindings_by_key_ids ON bindings (binding_key_ids(access_token_lookup_hash, body), created_at, binding_id)",
        "CREATE INDEX authorizations_by_key_id ON authorizations (authorization_key_id(body), created_at, auth_state)",
    ])
}
