/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the UEFI command line: LoadOptions (UCS-2) to ASCII
 *
 * LoadOptions are built here the way iPXE builds them ("<image name>
 * <arguments>", UCS-2, NUL included in LoadOptionsSize) and also in the
 * forms firmware may hand over (no NUL, junk after the NUL, odd sizes,
 * an unaligned buffer).  The expected command line is the input text
 * with its first word removed, written out by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/efiargs.h>

/** Room for test LoadOptions (bytes) */
#define OPTS_MAX 1024

/**
 * Write an ASCII string as UCS-2 little-endian
 *
 * @v text		ASCII text
 * @v out		Output bytes (2 per character)
 * @v nul		Nonzero to append a NUL character
 * @ret size		Bytes written
 */
static size_t ucs2 ( const char *text, uint8_t *out, int nul ) {
	size_t len = strlen ( text );
	size_t i;

	for ( i = 0; i < len; i++ ) {
		out[2 * i] = ( uint8_t )text[i];
		out[2 * i + 1] = 0;
	}
	if ( nul ) {
		out[2 * len] = 0;
		out[2 * len + 1] = 0;
		len++;
	}
	return ( 2 * len );
}

/**
 * Convert and compare
 *
 * @v opts		LoadOptions
 * @v size		LoadOptionsSize
 * @v expected		Expected command line
 */
static void expect_cmdline ( const void *opts, size_t size,
                             const char *expected ) {
	char buf[256];
	size_t bad = 0;

	assert_int_equal ( efi_cmdline_from_options ( opts, size, buf,
	                                              sizeof ( buf ), &bad ),
	                   0 );
	assert_string_equal ( buf, expected );
}

/** iPXE's form: name, arguments, NUL counted in the size */
static void test_ipxe_form ( void **state ) {
	uint8_t opts[OPTS_MAX];
	size_t size;

	( void )state;
	size = ucs2 ( "xenmb.efi --probe xen.gz", opts, 1 );
	expect_cmdline ( opts, size, "--probe xen.gz" );
	size = ucs2 ( "xenmb.efi xen.gz console=com1 --- vmlinuz root=/dev/sda",
	              opts, 1 );
	expect_cmdline ( opts, size,
	                 "xen.gz console=com1 --- vmlinuz root=/dev/sda" );
}

/** Only the image name, or nothing at all */
static void test_empty ( void **state ) {
	uint8_t opts[OPTS_MAX];
	size_t size;

	( void )state;
	size = ucs2 ( "xenmb.efi", opts, 1 );
	expect_cmdline ( opts, size, "" );
	size = ucs2 ( "xenmb.efi   ", opts, 1 );
	expect_cmdline ( opts, size, "" );
	expect_cmdline ( NULL, 100, "" );
	expect_cmdline ( opts, 0, "" );
	expect_cmdline ( opts, 1, "" );
}

/** No NUL: the size alone ends the string; odd sizes drop the odd byte */
static void test_unterminated ( void **state ) {
	uint8_t opts[OPTS_MAX];
	size_t size;

	( void )state;
	size = ucs2 ( "a.efi --quiet x", opts, 0 );
	/* Junk after the end must not be read as text */
	opts[size] = 'Z';
	opts[size + 1] = 0;
	expect_cmdline ( opts, size, "--quiet x" );
	expect_cmdline ( opts, size + 1, "--quiet x" );
	/* Cut inside the arguments */
	expect_cmdline ( opts, 2 * strlen ( "a.efi --qu" ), "--qu" );
}

/** Text after the NUL is ignored */
static void test_after_nul ( void **state ) {
	uint8_t opts[OPTS_MAX];
	size_t size;

	( void )state;
	size = ucs2 ( "a.efi --json", opts, 1 );
	size += ucs2 ( " --mb1", opts + size, 1 );
	expect_cmdline ( opts, size, "--json" );
}

/** Leading spaces and other whitespace */
static void test_whitespace ( void **state ) {
	uint8_t opts[OPTS_MAX];
	size_t size;

	( void )state;
	size = ucs2 ( "  a.efi   --probe", opts, 1 );
	expect_cmdline ( opts, size, "--probe" );
	size = ucs2 ( "a.efi\t--probe\r\nxen.gz", opts, 1 );
	expect_cmdline ( opts, size, "--probe  xen.gz" );
}

/** A buffer at an odd address works (characters are read bytewise) */
static void test_unaligned ( void **state ) {
	uint8_t opts[OPTS_MAX + 1];
	size_t size;

	( void )state;
	size = ucs2 ( "x.efi --verbose", opts + 1, 1 );
	expect_cmdline ( opts + 1, size, "--verbose" );
}

/**
 * Check that a character at index 9 is refused
 *
 * @v opts		LoadOptions ("a.efi caf?" with the NUL)
 * @v size		LoadOptionsSize
 * @v lo		Low byte of the character
 * @v hi		High byte of the character
 */
static void expect_refused ( uint8_t *opts, size_t size, uint8_t lo,
                             uint8_t hi ) {
	char buf[64];
	size_t bad = 0;

	opts[18] = lo;
	opts[19] = hi;
	assert_int_equal ( efi_cmdline_from_options ( opts, size, buf,
	                                              sizeof ( buf ), &bad ),
	                   -XEINVAL );
	assert_int_equal ( bad, 9 );
}

/** Characters outside printable ASCII are refused, with their position */
static void test_non_ascii ( void **state ) {
	uint8_t opts[OPTS_MAX];
	size_t size;

	( void )state;
	size = ucs2 ( "a.efi caf?", opts, 1 );
	/* U+00E9, U+0141, a control character, DEL */
	expect_refused ( opts, size, 0xe9, 0x00 );
	expect_refused ( opts, size, 0x41, 0x01 );
	expect_refused ( opts, size, 0x01, 0x00 );
	expect_refused ( opts, size, 0x7f, 0x00 );
	/* The same position with '?' is accepted */
	opts[18] = '?';
	opts[19] = 0;
	expect_cmdline ( opts, size, "caf?" );
}

/** The output buffer bounds the length, NUL included */
static void test_too_long ( void **state ) {
	uint8_t opts[OPTS_MAX];
	char buf[16];
	size_t size;
	size_t bad = 0;

	( void )state;
	/* 15 characters fit a 16-byte buffer */
	size = ucs2 ( "a.efi 123456789", opts, 1 );
	assert_int_equal ( efi_cmdline_from_options ( opts, size, buf,
	                                              sizeof ( buf ), &bad ),
	                   0 );
	assert_string_equal ( buf, "123456789" );
	/* 16 do not */
	size = ucs2 ( "a.efi 1234567890", opts, 1 );
	assert_int_equal ( efi_cmdline_from_options ( opts, size, buf,
	                                              sizeof ( buf ), &bad ),
	                   -XENOSPC );
	/* A one-byte buffer holds only the empty string */
	size = ucs2 ( "a", opts, 1 );
	assert_int_equal (
	        efi_cmdline_from_options ( opts, size, buf, 1, &bad ),
	        -XENOSPC );
	assert_int_equal ( efi_cmdline_from_options ( opts, 0, buf, 1, &bad ),
	                   0 );
	assert_string_equal ( buf, "" );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failures
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_ipxe_form ),
	        cmocka_unit_test ( test_empty ),
	        cmocka_unit_test ( test_unterminated ),
	        cmocka_unit_test ( test_after_nul ),
	        cmocka_unit_test ( test_whitespace ),
	        cmocka_unit_test ( test_unaligned ),
	        cmocka_unit_test ( test_non_ascii ),
	        cmocka_unit_test ( test_too_long ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
