// Version 4: a charge's final write and its lease's release in one statement. Adds one function;
// changes none.

extension SchemaMigration {
    /// - `replace_payment_releasing`: `replace_payment` (no delivery key) under the lease and, only
    ///   when it wrote, the lease's release, as `releaseLease` deletes it (`PaymentStore.replace(_:releasing:)`).
    static let version4 = SchemaMigration(version: 4, description: "a payment's final write releasing its lease", statements: [
        """
        CREATE FUNCTION replace_payment_releasing(
            p_id text, p_version bigint, p_order text, p_merchant_user_id text, p_binding_id text, p_state text,
            p_currency text, p_amount_minor bigint, p_body jsonb, p_lease_name text, p_lease_token bigint,
            OUT outcome text, OUT record_id text, OUT stored_version bigint, OUT refund_count integer, OUT refunded_minor bigint)
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            SELECT replaced.outcome, replaced.record_id, replaced.stored_version, replaced.refund_count, replaced.refunded_minor
                INTO outcome, record_id, stored_version, refund_count, refunded_minor
                FROM replace_payment(p_id, p_version, p_order, p_merchant_user_id, p_binding_id, p_state, p_currency,
                                     p_amount_minor, p_body, p_lease_name, p_lease_token, NULL) AS replaced;
            IF outcome = 'ok' THEN
                DELETE FROM leases WHERE name = p_lease_name AND fencing_token = p_lease_token;
            END IF;
        END $$
        """,
    ])
}
