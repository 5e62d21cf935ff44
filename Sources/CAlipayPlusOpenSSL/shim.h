// The only C surface the library touches: libcrypto from OpenSSL 3, with deprecated APIs compiled out.
#ifndef C_ALIPAYPLUS_OPENSSL_SHIM_H
#define C_ALIPAYPLUS_OPENSSL_SHIM_H

#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1

#include <openssl/opensslv.h>
#if OPENSSL_VERSION_MAJOR < 3
#error "AlipayPlus needs OpenSSL 3 or newer (Debian: apt-get install libssl-dev)"
#endif

#include <stddef.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

/// `OPENSSL_free` is a macro; Swift needs a function.
static inline void calipayplus_free(void *pointer) { OPENSSL_free(pointer); }

/// `EVP_PKEY_KEYPAIR` is a compound macro that Swift cannot import.
static inline int calipayplus_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }

/// `EVP_PKEY_PUBLIC_KEY` is a compound macro that Swift cannot import.
static inline int calipayplus_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

/// Passphrase callback that never prompts: it records that a passphrase was asked for and refuses.
static inline int calipayplus_refuse_passphrase(char *pass, size_t pass_size, size_t *pass_len,
                                                const OSSL_PARAM params[], void *arg) {
    (void)pass; (void)pass_size; (void)params;
    if (pass_len != NULL) { *pass_len = 0; }
    if (arg != NULL) { *(int *)arg = 1; }
    return 0;
}

/// Decodes DER (PKCS#8, PKCS#1, SubjectPublicKeyInfo, ...) of any key type for `selection`.
/// Input type and structure names are string literals (static storage, they outlive the call).
/// Sets `*asked_passphrase` to 1 when the input was encrypted. Returns NULL on failure.
static inline EVP_PKEY *calipayplus_decode_der(const unsigned char *der, size_t length, int selection,
                                               int *asked_passphrase) {
    EVP_PKEY *pkey = NULL;
    OSSL_DECODER_CTX *ctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, "DER", NULL, NULL, selection, NULL, NULL);
    if (ctx == NULL) { return NULL; }
    if (OSSL_DECODER_CTX_set_passphrase_cb(ctx, calipayplus_refuse_passphrase, asked_passphrase) != 1) {
        OSSL_DECODER_CTX_free(ctx);
        return NULL;
    }
    const unsigned char *cursor = der;
    size_t remaining = length;
    int ok = OSSL_DECODER_from_data(ctx, &cursor, &remaining);
    OSSL_DECODER_CTX_free(ctx);
    if (ok != 1) {
        EVP_PKEY_free(pkey);
        return NULL;
    }
    return pkey;
}

/// Encodes `pkey` as DER: PKCS#8 PrivateKeyInfo when `private_key` is 1, else SubjectPublicKeyInfo.
/// The buffer in `*out` must be released with `calipayplus_free`. Returns 1 on success.
static inline int calipayplus_encode_der(const EVP_PKEY *pkey, int private_key, unsigned char **out,
                                         size_t *out_length) {
    OSSL_ENCODER_CTX *ctx = OSSL_ENCODER_CTX_new_for_pkey(
        pkey, private_key ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, "DER",
        private_key ? "PrivateKeyInfo" : "SubjectPublicKeyInfo", NULL);
    if (ctx == NULL) { return 0; }
    *out = NULL;
    *out_length = 0;
    int ok = OSSL_ENCODER_CTX_get_num_encoders(ctx) > 0 && OSSL_ENCODER_to_data(ctx, out, out_length) == 1;
    OSSL_ENCODER_CTX_free(ctx);
    return ok;
}

/// Generates an RSA key of `bits` bits (public exponent 65537). Returns NULL on failure.
static inline EVP_PKEY *calipayplus_rsa_generate(unsigned int bits) {
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (ctx == NULL) { return NULL; }
    if (EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int)bits) != 1
        || EVP_PKEY_generate(ctx, &pkey) != 1) {
        EVP_PKEY_free(pkey);
        pkey = NULL;
    }
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

/// Fetches SHA-256 once; the caller keeps the result for the life of the process.
static inline EVP_MD *calipayplus_fetch_sha256(void) { return EVP_MD_fetch(NULL, "SHA256", NULL); }

/// RSASSA-PKCS1-v1_5 with `md` over `message`. `signature` must hold EVP_PKEY_get_size bytes.
/// Uses a fresh EVP_MD_CTX per call, so one key can sign on many threads. Returns 1 on success.
static inline int calipayplus_sign(EVP_PKEY *pkey, const EVP_MD *md, const unsigned char *message,
                                   size_t message_length, unsigned char *signature, size_t *signature_length) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx == NULL) { return 0; }
    EVP_PKEY_CTX *pctx = NULL;
    int ok = EVP_DigestSignInit(ctx, &pctx, md, NULL, pkey) == 1
        && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1
        && EVP_DigestSign(ctx, signature, signature_length, message, message_length) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

/// Verifies an RSASSA-PKCS1-v1_5 signature with `md`. Returns 1 valid, 0 invalid, negative on error.
static inline int calipayplus_verify(EVP_PKEY *pkey, const EVP_MD *md, const unsigned char *signature,
                                     size_t signature_length, const unsigned char *message, size_t message_length) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx == NULL) { return -1; }
    EVP_PKEY_CTX *pctx = NULL;
    int result = -1;
    if (EVP_DigestVerifyInit(ctx, &pctx, md, NULL, pkey) == 1
        && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1) {
        result = EVP_DigestVerify(ctx, signature, signature_length, message, message_length);
        if (result != 1) { result = 0; }
    }
    EVP_MD_CTX_free(ctx);
    return result;
}

/// SHA-256 of `data` into `out` (32 bytes) with no digest context kept. `md` is SHA-256 fetched once
/// (`calipayplus_fetch_sha256`), digested with one EVP_Digest; NULL digests with the one-shot
/// SHA256(), which fetches SHA-256 by name on every call (about 0.6 µs of a 1.5 µs digest of a
/// request here): the way `openssl speed` digests, kept for the bench's limit. Returns 1 on success.
static inline int calipayplus_sha256(const EVP_MD *md, const unsigned char *data, size_t length, unsigned char *out) {
    if (md == NULL) { return SHA256(data, length, out) != NULL; }
    return EVP_Digest(data, length, out, NULL, md, NULL) == 1;
}

/// Checks that a private key's parts belong together (n = p*q, d, the CRT values): a corrupted key
/// would otherwise sign garbage, and a wrong CRT value can leak the key's factors.
static inline int calipayplus_pairwise_check(EVP_PKEY *key) {
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    if (ctx == NULL) return 0;
    int ok = EVP_PKEY_pairwise_check(ctx);
    EVP_PKEY_CTX_free(ctx);
    return ok == 1;
}

// ===================================================================================================
// Prepared RSA contexts (signing and verification at the `openssl speed` limit).
// An EVP_PKEY_CTX is initialised ONCE per key (sign or verify, PKCS#1 v1.5 padding, signature md
// SHA-256) and kept as a read-only template for the key's life. The library's pool
// (PreparedContextPool) lends each call a context of its own, an EVP_PKEY_CTX_dup of the template
// reused by one thread at a time: duplicating only reads the template (it copies the provider context
// and takes references), so many threads may share one template; no thread ever signs or verifies on
// the template itself. The `_reusing` functions operate on the context they are given, with no
// duplicate (the bench's limit uses one context on one thread, as `openssl speed` does). They are NOT
// safe on one context from many threads at once.
// ===================================================================================================

/// A context for `pkey` initialised for signing (`sign` 1) or verifying (`sign` 0) with PKCS#1 v1.5
/// padding and signature digest `md`. NULL when `pkey` cannot do it (a public key cannot sign).
/// Free it with `calipayplus_pkey_ctx_free`.
static inline EVP_PKEY_CTX *calipayplus_pkey_ctx_new_prepared(EVP_PKEY *pkey, const EVP_MD *md, int sign) {
    if (pkey == NULL || md == NULL) { return NULL; }
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
    if (ctx == NULL) { return NULL; }
    int ok = (sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx)) == 1
        && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1
        && EVP_PKEY_CTX_set_signature_md(ctx, md) == 1;
    if (!ok) {
        EVP_PKEY_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

/// Frees a context from `calipayplus_pkey_ctx_new_prepared` (NULL is allowed).
static inline void calipayplus_pkey_ctx_free(EVP_PKEY_CTX *ctx) { EVP_PKEY_CTX_free(ctx); }

/// A duplicate of a prepared context (its own state, usable by another thread); NULL on failure.
static inline EVP_PKEY_CTX *calipayplus_pkey_ctx_dup(const EVP_PKEY_CTX *template_ctx) {
    return template_ctx == NULL ? NULL : EVP_PKEY_CTX_dup(template_ctx);
}

/// SHA-256 of `message` (`calipayplus_sha256` with `md`), then RSASSA-PKCS1-v1_5 with EVP_PKEY_sign on
/// `ctx` itself (reused, not duplicated: the way `openssl speed` signs). One thread at a time per
/// context. Returns 1 on success.
static inline int calipayplus_sign_reusing(EVP_PKEY_CTX *ctx, const EVP_MD *md, const unsigned char *message,
                                           size_t message_length, unsigned char *signature, size_t *signature_length) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    if (calipayplus_sha256(md, message, message_length, digest) != 1) { return 0; }
    return EVP_PKEY_sign(ctx, signature, signature_length, digest, sizeof digest) == 1;
}

/// SHA-256 of `message` (`calipayplus_sha256` with `md`), then RSASSA-PKCS1-v1_5 verification with
/// EVP_PKEY_verify on `ctx` itself (reused, not duplicated). One thread at a time per context. Returns
/// 1 valid, 0 otherwise (a wrong or malformed signature alike), negative when the digest failed.
static inline int calipayplus_verify_reusing(EVP_PKEY_CTX *ctx, const EVP_MD *md, const unsigned char *signature,
                                             size_t signature_length, const unsigned char *message,
                                             size_t message_length) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    if (calipayplus_sha256(md, message, message_length, digest) != 1) { return -1; }
    return EVP_PKEY_verify(ctx, signature, signature_length, digest, sizeof digest) == 1 ? 1 : 0;
}
// =============================== end of the prepared RSA contexts block ============================

// ===================================================================================================
// Sealing (secrets at rest): AES-256-GCM, HMAC-SHA-256 and HKDF-SHA-256 for the token key ring.
// Every function below keeps its OpenSSL names and parameter names as string literals (static
// storage), makes its own context per call (safe from many threads) and frees it before returning.
// ===================================================================================================
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

/// The AES-GCM nonce length the sealing layer uses (96 bits, the length GCM is defined for).
#define CALIPAYPLUS_GCM_NONCE_LENGTH 12
/// The AES-GCM tag length the sealing layer uses (128 bits).
#define CALIPAYPLUS_GCM_TAG_LENGTH 16

/// Fetches AES-256-GCM once; the caller keeps the result for the life of the process.
static inline EVP_CIPHER *calipayplus_fetch_aes256gcm(void) { return EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL); }

/// Fetches the HMAC MAC once; the caller keeps the result for the life of the process.
static inline EVP_MAC *calipayplus_fetch_hmac(void) { return EVP_MAC_fetch(NULL, "HMAC", NULL); }

/// AES-256-GCM encryption with a 32-byte `key`, a 12-byte `nonce`, 16-byte tag.
/// `ciphertext` must hold `plaintext_length` bytes (may be NULL when that is 0); `tag` 16 bytes.
/// Returns 1 on success.
static inline int calipayplus_aes256gcm_seal(const EVP_CIPHER *cipher, const unsigned char *key,
                                             const unsigned char *nonce,
                                             const unsigned char *aad, size_t aad_length,
                                             const unsigned char *plaintext, size_t plaintext_length,
                                             unsigned char *ciphertext, unsigned char *tag) {
    if (cipher == NULL || aad_length > INT_MAX || plaintext_length > INT_MAX) { return 0; }
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (ctx == NULL) { return 0; }
    int length = 0;
    unsigned char final_block[16];
    int ok = EVP_CIPHER_get_iv_length(cipher) == CALIPAYPLUS_GCM_NONCE_LENGTH
        && EVP_CIPHER_get_key_length(cipher) == 32
        && EVP_EncryptInit_ex2(ctx, cipher, key, nonce, NULL) == 1
        && (aad_length == 0 || EVP_EncryptUpdate(ctx, NULL, &length, aad, (int)aad_length) == 1)
        && (plaintext_length == 0
            || (EVP_EncryptUpdate(ctx, ciphertext, &length, plaintext, (int)plaintext_length) == 1
                && (size_t)length == plaintext_length))
        && EVP_EncryptFinal_ex(ctx, final_block, &length) == 1 && length == 0
        && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, CALIPAYPLUS_GCM_TAG_LENGTH, tag) == 1;
    OPENSSL_cleanse(final_block, sizeof final_block);
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

/// AES-256-GCM decryption and tag check. `plaintext` must hold `ciphertext_length` bytes (may be
/// NULL when that is 0). Returns 1 when the tag verifies, 0 when it does not (the caller must then
/// wipe and discard `plaintext`), negative when libcrypto itself failed.
static inline int calipayplus_aes256gcm_open(const EVP_CIPHER *cipher, const unsigned char *key,
                                             const unsigned char *nonce,
                                             const unsigned char *aad, size_t aad_length,
                                             const unsigned char *ciphertext, size_t ciphertext_length,
                                             const unsigned char *tag, unsigned char *plaintext) {
    if (cipher == NULL || aad_length > INT_MAX || ciphertext_length > INT_MAX) { return -1; }
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (ctx == NULL) { return -1; }
    int length = 0;
    unsigned char final_block[16];
    int result = -1;
    if (EVP_CIPHER_get_iv_length(cipher) == CALIPAYPLUS_GCM_NONCE_LENGTH
        && EVP_CIPHER_get_key_length(cipher) == 32
        && EVP_DecryptInit_ex2(ctx, cipher, key, nonce, NULL) == 1
        && (aad_length == 0 || EVP_DecryptUpdate(ctx, NULL, &length, aad, (int)aad_length) == 1)
        && (ciphertext_length == 0
            || (EVP_DecryptUpdate(ctx, plaintext, &length, ciphertext, (int)ciphertext_length) == 1
                && (size_t)length == ciphertext_length))
        && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, CALIPAYPLUS_GCM_TAG_LENGTH, (void *)tag) == 1) {
        // Final is where GCM compares the tag: 1 authentic, 0 not.
        result = EVP_DecryptFinal_ex(ctx, final_block, &length) == 1 ? 1 : 0;
    }
    OPENSSL_cleanse(final_block, sizeof final_block);
    EVP_CIPHER_CTX_free(ctx);
    return result;
}

/// HMAC-SHA-256 of `data` under `key` (any length) into `out` (32 bytes). Returns 1 on success.
static inline int calipayplus_hmac_sha256(EVP_MAC *mac, const unsigned char *key, size_t key_length,
                                          const unsigned char *data, size_t data_length, unsigned char *out) {
    if (mac == NULL) { return 0; }
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    if (ctx == NULL) { return 0; }
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();
    // EVP_MAC_init refuses a NULL key even when its length is 0; point at a byte instead.
    static const unsigned char no_key = 0;
    size_t out_length = 0;
    int ok = EVP_MAC_init(ctx, key_length == 0 ? &no_key : key, key_length, params) == 1
        && (data_length == 0 || EVP_MAC_update(ctx, data, data_length) == 1)
        && EVP_MAC_final(ctx, out, &out_length, 32) == 1 && out_length == 32;
    EVP_MAC_CTX_free(ctx);
    return ok;
}

/// HKDF-SHA-256 (RFC 5869, extract then expand) of `key` with `salt` and `info` into `out`.
/// Returns 1 on success.
static inline int calipayplus_hkdf_sha256(const unsigned char *key, size_t key_length,
                                          const unsigned char *salt, size_t salt_length,
                                          const unsigned char *info, size_t info_length,
                                          unsigned char *out, size_t out_length) {
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
    if (kdf == NULL) { return 0; }
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (ctx == NULL) { return 0; }
    OSSL_PARAM params[5];
    size_t count = 0;
    params[count++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0);
    params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, key_length);
    if (salt_length > 0) {
        params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_length);
    }
    if (info_length > 0) {
        params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, info_length);
    }
    params[count] = OSSL_PARAM_construct_end();
    int ok = EVP_KDF_derive(ctx, out, out_length, params) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok;
}

/// Fills `out` with `length` bytes from OpenSSL's CSPRNG. Returns 1 on success.
static inline int calipayplus_random_bytes(unsigned char *out, size_t length) {
    if (length > INT_MAX) { return 0; }
    return RAND_bytes(out, (int)length) == 1;
}

/// Overwrites `length` bytes at `pointer` with zeros in a way the compiler cannot optimise away.
static inline void calipayplus_cleanse(void *pointer, size_t length) {
    if (pointer != NULL && length > 0) { OPENSSL_cleanse(pointer, length); }
}
// =================================== end of the sealing block ======================================

#endif
