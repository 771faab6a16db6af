/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for gzip decompression (inflate.c)
 *
 * Odd first byte: the rest of the input is a raw deflate stream behind a
 * fixed gzip header, so the fuzzer spends its time in the block decoder.
 * Even first byte: the rest is a whole gzip file, header included.
 *
 * Besides "no crash, no read or write out of bounds" (ASan), every
 * successful result is checked for consistency: the output fits the
 * bound, decoding again into a buffer of exactly that size gives the
 * same bytes, and one byte less room gives -XEGZTOOBIG.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/inflate.h>

/** Output bound */
#define FUZZ_DST_MAX ( 1024 * 1024 )

/** The gzip header put in front of raw deflate input */
static const uint8_t fuzz_gzip_header[10] = { 0x1f, 0x8b, 8, 0, 0,
                                              0,    0,    0, 0, 3 };

/**
 * Check that a result is one gzip_inflate() may return
 *
 * @v rc		Return status
 */
static void fuzz_check_rc ( int rc ) {
	switch ( rc ) {
	case 0:
	case -XEGZMAGIC:
	case -XEGZMETHOD:
	case -XEGZHEADER:
	case -XEGZDATA:
	case -XEGZTRUNC:
	case -XEGZTOOBIG:
	case -XEGZCRC:
	case -XEGZSIZE:
		return;
	default:
		abort ();
	}
}

/**
 * Decode again with exactly the room a successful decode needed
 *
 * @v gz		gzip file
 * @v gz_len		Length
 * @v expected		Output of the first decode
 * @v len		Its length
 */
static void fuzz_check_exact ( const uint8_t *gz, size_t gz_len,
                               const uint8_t *expected, size_t len ) {
	uint8_t *out = malloc ( len ? len : 1 );
	size_t out_len;

	if ( !out )
		return;
	if ( ( gzip_inflate ( gz, gz_len, out, len, &out_len ) != 0 ) ||
	     ( out_len != len ) || ( memcmp ( out, expected, len ) != 0 ) )
		abort ();
	if ( len && ( gzip_inflate ( gz, gz_len, out, ( len - 1 ), &out_len ) !=
	              -XEGZTOOBIG ) )
		abort ();
	free ( out );
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static uint8_t out[FUZZ_DST_MAX];
	size_t header_len;
	size_t gz_len;
	size_t out_len;
	uint8_t *gz;
	int rc;

	if ( size < 1 )
		return 0;
	header_len = ( ( data[0] & 1 ) ? sizeof ( fuzz_gzip_header ) : 0 );
	gz_len = ( header_len + size - 1 );

	/* An exact-size copy, so ASan sees any read past the end */
	gz = malloc ( gz_len ? gz_len : 1 );
	if ( !gz )
		return 0;
	memcpy ( gz, fuzz_gzip_header, header_len );
	memcpy ( ( gz + header_len ), ( data + 1 ), ( size - 1 ) );

	rc = gzip_inflate ( gz, gz_len, out, sizeof ( out ), &out_len );
	fuzz_check_rc ( rc );
	if ( rc == 0 ) {
		if ( out_len > sizeof ( out ) )
			abort ();
		fuzz_check_exact ( gz, gz_len, out, out_len );
	}
	free ( gz );
	return 0;
}
