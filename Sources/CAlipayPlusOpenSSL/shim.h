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

/// SHA-256 of `data` into `out` (32 bytes). Returns 1 on success.
static inline int calipayplus_sha256(const EVP_MD *md, const unsigned char *data, size_t length, unsigned char *out) {
    unsigned int out_length = 0;
    return EVP_Digest(data, length, out, &out_length, md, NULL);
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

#endif
