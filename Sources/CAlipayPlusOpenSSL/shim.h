// The only C surface the library touches: libcrypto from OpenSSL 3, with deprecated APIs compiled out.
#ifndef C_ALIPAYPLUS_OPENSSL_SHIM_H
#define C_ALIPAYPLUS_OPENSSL_SHIM_H

#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1

#include <openssl/opensslv.h>
#if OPENSSL_VERSION_MAJOR < 3
#error "AlipayPlus needs OpenSSL 3 or newer (Debian: apt-get install libssl-dev)"
#endif

#include <openssl/bio.h>
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

#endif
