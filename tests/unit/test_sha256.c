/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of SHA-256
 *
 * The FIPS 180 example messages (empty, "abc", the 448-bit message and a
 * million 'a'), then messages of every length around the padding
 * boundaries checked against coreutils' sha256sum, an independent
 * implementation, and hashes fed in pieces checked against one-shot
 * hashes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xenmb/sha256.h>

/**
 * Hash a string and compare with the expected hex digest
 *
 * @v message		Message
 * @v expected		Expected digest in hex
 */
static void expect_sha256 ( const char *message, const char *expected ) {
	char hex[65];

	sha256_hex ( message, strlen ( message ), hex );
	assert_string_equal ( hex, expected );
}

/**
 * FIPS 180 example messages
 *
 * @v state		Unused
 */
static void test_fips_vectors ( void **state ) {
	struct sha256_context ctx;
	uint8_t digest[SHA256_DIGEST_LEN];
	char block[1000];
	unsigned int index;
	static const uint8_t million_a[SHA256_DIGEST_LEN] = {
	        0xcd, 0xc7, 0x6e, 0x5c, 0x99, 0x14, 0xfb, 0x92,
	        0x81, 0xa1, 0xc7, 0xe2, 0x84, 0xd7, 0x3e, 0x67,
	        0xf1, 0x80, 0x9a, 0x48, 0xa4, 0x97, 0x20, 0x0e,
	        0x04, 0x6d, 0x39, 0xcc, 0xc7, 0x11, 0x2c, 0xd0,
	};

	( void )state;
	expect_sha256 ( "", "e3b0c44298fc1c149afbf4c8996fb924"
	                    "27ae41e4649b934ca495991b7852b855" );
	expect_sha256 ( "abc", "ba7816bf8f01cfea414140de5dae2223"
	                       "b00361a396177a9cb410ff61f20015ad" );
	expect_sha256 (
	        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	        "248d6a61d20638b8e5c026930c3e6039"
	        "a33ce45964ff2167f6ecedd419db06c1" );

	/* One million 'a', fed a thousand at a time */
	memset ( block, 'a', sizeof ( block ) );
	sha256_init ( &ctx );
	for ( index = 0; index < 1000; index++ )
		sha256_update ( &ctx, block, sizeof ( block ) );
	sha256_final ( &ctx, digest );
	assert_memory_equal ( digest, million_a, sizeof ( digest ) );
}

/**
 * Hash a buffer with coreutils' sha256sum
 *
 * @v data		Data
 * @v len		Length
 * @v hex		Digest in hex, filled
 */
static void sha256sum_hex ( const void *data, size_t len, char hex[65] ) {
	char path[] = "/tmp/test_sha256.XXXXXX";
	char command[64];
	FILE *pipe;
	int fd;

	fd = mkstemp ( path );
	assert_true ( fd >= 0 );
	assert_int_equal ( write ( fd, data, len ), ( ssize_t )len );
	close ( fd );
	snprintf ( command, sizeof ( command ), "sha256sum %s", path );
	pipe = popen ( command, "r" );
	assert_non_null ( pipe );
	assert_int_equal ( fread ( hex, 1, 64, pipe ), 64 );
	hex[64] = '\0';
	pclose ( pipe );
	unlink ( path );
}

/**
 * Lengths around every padding boundary, and a large message, agree with
 * sha256sum
 *
 * @v state		Unused
 */
static void test_vs_sha256sum ( void **state ) {
	static const size_t lengths[] = { 0,   1,   3,   54,   55,   56,    57,
	                                  63,  64,  65,  111,  119,  120,   121,
	                                  127, 128, 129, 1000, 4096, 100003 };
	uint8_t *data = malloc ( 100003 );
	uint32_t seed = 0x12345678;
	char ours[65];
	char theirs[65];
	unsigned int index;
	size_t pos;

	( void )state;
	assert_non_null ( data );
	for ( pos = 0; pos < 100003; pos++ ) {
		seed = ( seed * 1103515245 + 12345 );
		data[pos] = ( seed >> 16 );
	}
	for ( index = 0; index < ( sizeof ( lengths ) / sizeof ( lengths[0] ) );
	      index++ ) {
		sha256_hex ( data, lengths[index], ours );
		sha256sum_hex ( data, lengths[index], theirs );
		assert_string_equal ( ours, theirs );
	}
	free ( data );
}

/**
 * Hashing in pieces of every size gives the one-shot digest
 *
 * @v state		Unused
 */
static void test_pieces ( void **state ) {
	struct sha256_context ctx;
	uint8_t whole[SHA256_DIGEST_LEN];
	uint8_t pieces[SHA256_DIGEST_LEN];
	uint8_t data[300];
	size_t piece;
	size_t pos;
	size_t take;

	( void )state;
	for ( pos = 0; pos < sizeof ( data ); pos++ )
		data[pos] = ( pos * 7 + 3 );
	sha256_init ( &ctx );
	sha256_update ( &ctx, data, sizeof ( data ) );
	sha256_final ( &ctx, whole );
	for ( piece = 1; piece <= 130; piece++ ) {
		sha256_init ( &ctx );
		for ( pos = 0; pos < sizeof ( data ); pos += take ) {
			take = ( sizeof ( data ) - pos );
			if ( take > piece )
				take = piece;
			sha256_update ( &ctx, ( data + pos ), take );
		}
		sha256_final ( &ctx, pieces );
		assert_memory_equal ( pieces, whole, sizeof ( whole ) );
	}
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_fips_vectors ),
	        cmocka_unit_test ( test_vs_sha256sum ),
	        cmocka_unit_test ( test_pieces ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
