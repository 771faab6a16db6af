/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * SHA-256 (FIPS 180-4)
 *
 * Used to check that a downloaded image is the one the user expects.
 * Message words are read big-endian byte by byte, so the code does not
 * depend on the host's byte order or alignment.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/sha256.h>

/** Round constants: the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes
 */
static const uint32_t sha256_round_constants[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
        0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
        0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/** Initial hash value: the first 32 bits of the fractional parts of the
 * square roots of the first 8 primes
 */
static const uint32_t sha256_initial_state[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

/**
 * Rotate a 32-bit word right
 *
 * @v word		Word
 * @v bits		Bits to rotate by (1-31)
 * @ret rotated		Rotated word
 */
static inline uint32_t sha256_ror ( uint32_t word, unsigned int bits ) {
	return ( ( word >> bits ) | ( word << ( 32 - bits ) ) );
}

/**
 * Read a big-endian 32-bit word
 *
 * @v bytes		Four bytes
 * @ret word		Word
 */
static inline uint32_t sha256_load_be32 ( const uint8_t *bytes ) {
	return ( ( ( uint32_t )bytes[0] << 24 ) |
	         ( ( uint32_t )bytes[1] << 16 ) |
	         ( ( uint32_t )bytes[2] << 8 ) | bytes[3] );
}

/**
 * Write a big-endian 32-bit word
 *
 * @v bytes		Four bytes to fill
 * @v word		Word
 */
static inline void sha256_store_be32 ( uint8_t *bytes, uint32_t word ) {
	bytes[0] = ( word >> 24 );
	bytes[1] = ( word >> 16 );
	bytes[2] = ( word >> 8 );
	bytes[3] = word;
}

/**
 * Process one 64-byte block
 *
 * @v state		Hash value to update
 * @v block		Block
 */
static void sha256_block ( uint32_t state[8], const uint8_t *block ) {
	uint32_t schedule[64];
	uint32_t work[8];
	uint32_t sum0, sum1, choice, majority, temp1, temp2;
	unsigned int round;

	/* Message schedule */
	for ( round = 0; round < 16; round++ )
		schedule[round] = sha256_load_be32 ( block + ( 4 * round ) );
	for ( ; round < 64; round++ ) {
		sum0 = ( sha256_ror ( schedule[round - 15], 7 ) ^
		         sha256_ror ( schedule[round - 15], 18 ) ^
		         ( schedule[round - 15] >> 3 ) );
		sum1 = ( sha256_ror ( schedule[round - 2], 17 ) ^
		         sha256_ror ( schedule[round - 2], 19 ) ^
		         ( schedule[round - 2] >> 10 ) );
		schedule[round] = ( schedule[round - 16] + sum0 +
		                    schedule[round - 7] + sum1 );
	}

	/* Compression: work[0..7] are a..h */
	memcpy ( work, state, sizeof ( work ) );
	for ( round = 0; round < 64; round++ ) {
		sum1 = ( sha256_ror ( work[4], 6 ) ^
		         sha256_ror ( work[4], 11 ) ^
		         sha256_ror ( work[4], 25 ) );
		choice = ( ( work[4] & work[5] ) ^ ( ~work[4] & work[6] ) );
		temp1 = ( work[7] + sum1 + choice +
		          sha256_round_constants[round] + schedule[round] );
		sum0 = ( sha256_ror ( work[0], 2 ) ^
		         sha256_ror ( work[0], 13 ) ^
		         sha256_ror ( work[0], 22 ) );
		majority = ( ( work[0] & work[1] ) ^ ( work[0] & work[2] ) ^
		             ( work[1] & work[2] ) );
		temp2 = ( sum0 + majority );
		work[7] = work[6];
		work[6] = work[5];
		work[5] = work[4];
		work[4] = ( work[3] + temp1 );
		work[3] = work[2];
		work[2] = work[1];
		work[1] = work[0];
		work[0] = ( temp1 + temp2 );
	}
	for ( round = 0; round < 8; round++ )
		state[round] += work[round];
}

/**
 * Start a SHA-256 hash
 *
 * @v ctx		Context
 */
void sha256_init ( struct sha256_context *ctx ) {
	memcpy ( ctx->state, sha256_initial_state, sizeof ( ctx->state ) );
	ctx->len = 0;
}

/**
 * Add data to a SHA-256 hash
 *
 * @v ctx		Context
 * @v data		Data
 * @v len		Length
 */
void sha256_update ( struct sha256_context *ctx, const void *data,
                     size_t len ) {
	const uint8_t *bytes = data;
	size_t used = ( ctx->len % SHA256_BLOCK_LEN );
	size_t take;

	ctx->len += len;

	/* Complete a partial block first */
	if ( used ) {
		take = ( SHA256_BLOCK_LEN - used );
		if ( take > len )
			take = len;
		memcpy ( ( ctx->block + used ), bytes, take );
		bytes += take;
		len -= take;
		if ( ( used + take ) < SHA256_BLOCK_LEN )
			return;
		sha256_block ( ctx->state, ctx->block );
	}

	/* Whole blocks straight from the data */
	for ( ; len >= SHA256_BLOCK_LEN; len -= SHA256_BLOCK_LEN ) {
		sha256_block ( ctx->state, bytes );
		bytes += SHA256_BLOCK_LEN;
	}

	/* Keep the rest */
	memcpy ( ctx->block, bytes, len );
}

/**
 * Finish a SHA-256 hash
 *
 * @v ctx		Context (to be started again before reuse)
 * @v digest		Digest
 */
void sha256_final ( struct sha256_context *ctx,
                    uint8_t digest[SHA256_DIGEST_LEN] ) {
	uint64_t bit_len = ( ctx->len * 8 );
	size_t used = ( ctx->len % SHA256_BLOCK_LEN );
	unsigned int index;

	/* A one bit, zeros, then the length in bits in the last 8 bytes */
	ctx->block[used++] = 0x80;
	if ( used > ( SHA256_BLOCK_LEN - 8 ) ) {
		memset ( ( ctx->block + used ), 0,
		         ( SHA256_BLOCK_LEN - used ) );
		sha256_block ( ctx->state, ctx->block );
		used = 0;
	}
	memset ( ( ctx->block + used ), 0, ( SHA256_BLOCK_LEN - 8 - used ) );
	sha256_store_be32 ( ( ctx->block + SHA256_BLOCK_LEN - 8 ),
	                    ( bit_len >> 32 ) );
	sha256_store_be32 ( ( ctx->block + SHA256_BLOCK_LEN - 4 ), bit_len );
	sha256_block ( ctx->state, ctx->block );

	for ( index = 0; index < 8; index++ )
		sha256_store_be32 ( ( digest + ( 4 * index ) ),
		                    ctx->state[index] );
}

/**
 * Hash data and write the digest as lower-case hex
 *
 * @v data		Data
 * @v len		Length
 * @v hex		64 hex digits and a terminating NUL
 */
void sha256_hex ( const void *data, size_t len, char hex[65] ) {
	static const char digits[] = "0123456789abcdef";
	struct sha256_context ctx;
	uint8_t digest[SHA256_DIGEST_LEN];
	unsigned int index;

	sha256_init ( &ctx );
	sha256_update ( &ctx, data, len );
	sha256_final ( &ctx, digest );
	for ( index = 0; index < SHA256_DIGEST_LEN; index++ ) {
		hex[2 * index] = digits[digest[index] >> 4];
		hex[2 * index + 1] = digits[digest[index] & 0xf];
	}
	hex[2 * SHA256_DIGEST_LEN] = '\0';
}
