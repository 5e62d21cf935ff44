// Version 3: the charge path in fewer and cheaper statements, with the same rules and results.
// Replaces two functions of version 1 in place (same names, arguments and results) and adds one.

extension SchemaMigration {
    /// - `acquire_lease` in PL/pgSQL: as a SQL function with a `SET` clause it was never inlined,
    ///   so the server parsed and planned its body on every call; PL/pgSQL keeps the plan for the session.
    /// - `insert_payment` without an exception block: `ON CONFLICT DO NOTHING` (on any unique index:
    ///   the request id's or the order's one unfinished payment) instead of a subtransaction per insert.
    /// - `insert_payment_under_lease`: `acquire_lease` and, only when it took the lease,
    ///   `insert_payment`, in one statement (`PaymentStore.insertLeased`).
    static let version3 = SchemaMigration(version: 3, description: "cheaper lease acquisition and payment insert", statements: [
        """
        CREATE OR REPLACE FUNCTION acquire_lease(p_name text, p_owner text, p_now double precision, p_expires_at double precision)
            RETURNS bigint
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        DECLARE token bigint;
        BEGIN
            INSERT INTO leases AS held (name, owner, fencing_token, expires_at)
                VALUES (p_name, p_owner, nextval('lease_fencing_tokens'), p_expires_at)
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, fencing_token = excluded.fencing_token,
                    expires_at = excluded.expires_at
                WHERE held.expires_at <= p_now OR held.owner = p_owner
                RETURNING fencing_token INTO token;
            RETURN token;
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION insert_payment(
            p_id text, p_order text, p_merchant_user_id text, p_binding_id text, p_state text, p_currency text,
            p_amount_minor bigint, p_created_at double precision, p_body jsonb,
            OUT outcome text, OUT record_id text, OUT stored_version bigint)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        #variable_conflict use_column
        BEGIN
            INSERT INTO payments (payment_request_id, reference_order_id, merchant_user_id, binding_id, state, currency,
                                  amount_minor, created_at, version, body)
                VALUES (p_id, p_order, p_merchant_user_id, p_binding_id, p_state, p_currency, p_amount_minor, p_created_at, 1, p_body)
                ON CONFLICT DO NOTHING;
            IF FOUND THEN
                outcome := 'ok'; stored_version := 1; RETURN;
            END IF;
            PERFORM 1 FROM payments WHERE payment_request_id = p_id;
            IF FOUND THEN outcome := 'duplicate'; RETURN; END IF;
            outcome := 'orderHasUnfinishedPayment';
            SELECT payment_request_id INTO record_id FROM payments
                WHERE reference_order_id = p_order AND state IN \(unfinishedStates) LIMIT 1;
        END $$
        """,
        """
        CREATE FUNCTION insert_payment_under_lease(
            p_name text, p_owner text, p_now double precision, p_expires_at double precision,
            p_id text, p_order text, p_merchant_user_id text, p_binding_id text, p_state text, p_currency text,
            p_amount_minor bigint, p_created_at double precision, p_body jsonb,
            OUT fencing_token bigint, OUT outcome text, OUT record_id text, OUT stored_version bigint)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            fencing_token := acquire_lease(p_name, p_owner, p_now, p_expires_at);
            IF fencing_token IS NULL THEN RETURN; END IF;
            SELECT inserted.outcome, inserted.record_id, inserted.stored_version INTO outcome, record_id, stored_version
                FROM insert_payment(p_id, p_order, p_merchant_user_id, p_binding_id, p_state, p_currency, p_amount_minor,
                                    p_created_at, p_body) AS inserted;
        END $$
        """,
    ])
}
