/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * SHA-256 (FIPS 180-4), to check that a file is the one expected
 */
#ifndef XENMB_SHA256_H
#define XENMB_SHA256_H

#include <stddef.h>
#include <stdint.h>

/** Length of a SHA-256 digest in bytes */
#define SHA256_DIGEST_LEN 32

/** Length of a SHA-256 block in bytes */
#define SHA256_BLOCK_LEN 64

/** SHA-256 state of a message being hashed */
struct sha256_context {
	/** Hash value H0..H7 */
	uint32_t state[8];
	/** Message length so far, in bytes */
	uint64_t len;
	/** Bytes of an incomplete block */
	uint8_t block[SHA256_BLOCK_LEN];
};

/**
 * Start a SHA-256 hash
 *
 * @v ctx		Context
 */
void sha256_init ( struct sha256_context *ctx );

/**
 * Add data to a SHA-256 hash
 *
 * @v ctx		Context
 * @v data		Data
 * @v len		Length
 */
void sha256_update ( struct sha256_context *ctx, const void *data, size_t len );

/**
 * Finish a SHA-256 hash
 *
 * @v ctx		Context (to be started again before reuse)
 * @v digest		Digest
 */
void sha256_final ( struct sha256_context *ctx,
                    uint8_t digest[SHA256_DIGEST_LEN] );

/**
 * Hash data and write the digest as lower-case hex
 *
 * @v data		Data
 * @v len		Length
 * @v hex		64 hex digits and a terminating NUL
 */
void sha256_hex ( const void *data, size_t len, char hex[65] );

#endif /* XENMB_SHA256_H */
