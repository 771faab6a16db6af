/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the freestanding C library subset (src/libc)
 *
 * The library's sources are compiled here under renamed symbols (xl_...)
 * so that they can run next to glibc, which is the oracle: every result
 * is compared with what glibc returns for the same call.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <cmocka.h>

/* The library under test, under renamed symbols (compiled at the end) */
void *xl_memcpy ( void *dest, const void *src, size_t len );
void *xl_memmove ( void *dest, const void *src, size_t len );
void *xl_memset ( void *dest, int c, size_t len );
int xl_memcmp ( const void *first, const void *second, size_t len );
void *xl_memchr ( const void *src, int c, size_t len );
size_t xl_strlen ( const char *str );
size_t xl_strnlen ( const char *str, size_t max );
int xl_strcmp ( const char *first, const char *second );
int xl_strncmp ( const char *first, const char *second, size_t max );
int xl_strcasecmp ( const char *first, const char *second );
int xl_strncasecmp ( const char *first, const char *second, size_t max );
char *xl_strchr ( const char *str, int c );
char *xl_strrchr ( const char *str, int c );
char *xl_strstr ( const char *haystack, const char *needle );
char *xl_strncpy ( char *dest, const char *src, size_t max );
int xl_isspace ( int c );
int xl_isdigit ( int c );
int xl_isxdigit ( int c );
int xl_isupper ( int c );
int xl_islower ( int c );
int xl_isalpha ( int c );
int xl_isalnum ( int c );
int xl_isprint ( int c );
int xl_ispunct ( int c );
int xl_toupper ( int c );
int xl_tolower ( int c );
unsigned long xl_strtoul ( const char *str, char **end, int base );
unsigned long long xl_strtoull ( const char *str, char **end, int base );
long xl_strtol ( const char *str, char **end, int base );
int xl_vsnprintf ( char *buf, size_t size, const char *fmt, va_list args );
int xl_printf ( const char *fmt, ... );
int xl_puts ( const char *str );
int xl_putchar ( int c );
uint64_t xl_udivmoddi4 ( uint64_t num, uint64_t den, uint64_t *rem );
uint64_t xl_udivdi3 ( uint64_t num, uint64_t den );
uint64_t xl_umoddi3 ( uint64_t num, uint64_t den );
int64_t xl_divdi3 ( int64_t num, int64_t den );
int64_t xl_moddi3 ( int64_t num, int64_t den );

/** Size of the formatting buffers */
#define FMT_BUF 256

/** What xl_putchar() captured */
static struct {
	/** Characters */
	char buf[FMT_BUF];
	/** Number of characters */
	size_t len;
} console;

/**
 * Capture console output of the library under test
 *
 * @v c			Character
 * @ret c		Character
 */
int xl_putchar ( int c ) {
	if ( console.len < ( sizeof ( console.buf ) - 1 ) )
		console.buf[console.len++] = c;
	console.buf[console.len] = '\0';
	return c;
}

/** A small deterministic random number generator (xorshift64) */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

/**
 * Get a random number
 *
 * @ret value		64 random bits
 */
static uint64_t rng ( void ) {
	rng_state ^= ( rng_state << 13 );
	rng_state ^= ( rng_state >> 7 );
	rng_state ^= ( rng_state << 17 );
	return rng_state;
}

/**
 * Format with both implementations and compare, at several buffer sizes
 *
 * @v fmt		Format
 * @v ...		Arguments
 */
static void check_format ( const char *fmt, ... ) {
	static const size_t sizes[] = { FMT_BUF, 0, 1, 2, 5, 17 };
	char expected[FMT_BUF];
	char actual[FMT_BUF];
	int expected_len;
	int actual_len;
	va_list args;
	unsigned int i;

	for ( i = 0; i < ( sizeof ( sizes ) / sizeof ( sizes[0] ) ); i++ ) {
		memset ( expected, 'E', sizeof ( expected ) );
		memset ( actual, 'E', sizeof ( actual ) );
		va_start ( args, fmt );
		expected_len = vsnprintf ( expected, sizes[i], fmt, args );
		va_end ( args );
		va_start ( args, fmt );
		actual_len = xl_vsnprintf ( ( sizes[i] ? actual : NULL ),
		                            sizes[i], fmt, args );
		va_end ( args );
		if ( ( expected_len != actual_len ) ||
		     ( memcmp ( expected, actual, sizeof ( actual ) ) != 0 ) ) {
			print_error (
			        "format \"%s\" size %zu: glibc \"%s\" (%d), "
			        "ours \"%s\" (%d)\n",
			        fmt, sizes[i], expected, expected_len, actual,
			        actual_len );
			fail ();
		}
	}
}

/**
 * Test fixed formats of every conversion
 *
 * @v state		Unused
 */
static void test_format_fixed ( void **state ) {
	const char *null_str = NULL;
	int x = 0;

	( void )state;
	check_format ( "plain text" );
	check_format ( "%%" );
	check_format ( "[%s]", "hello" );
	check_format ( "[%10s][%-10s][%.3s][%.*s]", "abc", "abc", "abcdef", 2,
	               "xyz" );
	check_format ( "[%s]", null_str );
	check_format ( "[%.3s]", null_str );
	check_format ( "[%c%c%c][%5c][%-5c]", 'a', 'b', 'c', 'x', 'y' );
	check_format ( "[%d][%i][%d][%d]", 0, 42, -42, -2147483647 - 1 );
	check_format ( "[%u][%u]", 0U, 4294967295U );
	check_format ( "[%x][%X][%#x][%#X][%#x]", 0xdeadbeefU, 0xdeadbeefU,
	               0x1234U, 0xabcU, 0U );
	check_format ( "[%08x][%-8x][%8x][%.4x][%8.4x]", 0x12U, 0x12U, 0x12U,
	               0x12U, 0x12U );
	check_format ( "[%05d][%-5d][%+d][% d][%+d][% 05d]", -12, -12, 12, 12,
	               -12, 7 );
	check_format ( "[%.0d][%.0x][%5.0d]", 0, 0U, 0 );
	check_format ( "[%ld][%lu][%lx]", -1234567890123L, 1234567890123UL,
	               0xfedcba9876543210UL );
	check_format ( "[%lld][%llu][%llx][%llX]", -9223372036854775807LL - 1,
	               18446744073709551615ULL, 0x0123456789abcdefULL,
	               0x0123456789abcdefULL );
	check_format ( "[%zu][%zx][%zd]", ( size_t )123456, ( size_t )0xfff,
	               ( ssize_t )-5 );
	check_format ( "[%hd][%hu][%hx][%hhd][%hhu][%hhx]", 70000, 70000,
	               0x12345, 300, 300, 0x1ff );
	check_format ( "[%jd][%ju]", ( intmax_t )-77, ( uintmax_t )77 );
	check_format ( "[%*d][%-*d][%*d]", 6, 42, 6, 42, -6, 42 );
	check_format ( "[%p][%20p][%-20p]", ( void * )&x, ( void * )&x,
	               ( void * )0x1000 );
	check_format ( "[%p][%10p]", NULL, NULL );
	check_format ( "%s=%d, %s=%#llx\n", "a", 1, "b", 0x100000000ULL );
}

/**
 * Test random integer formats against glibc
 *
 * @v state		Unused
 */
static void test_format_random ( void **state ) {
	static const char *const flags[] = { "",   "-",  "0",  "+",  " ", "#",
	                                     "-0", "0+", "- ", "#0", "-#" };
	static const char *const lengths[] = { "", "hh", "h", "l", "ll", "z" };
	static const char convs[] = "diuxX";
	char fmt[64];
	const char *length;
	uint64_t value;
	char conv;
	int width;
	int precision;
	unsigned int i;

	( void )state;
	for ( i = 0; i < 20000; i++ ) {
		width = ( ( rng () % 3 ) ? ( int )( rng () % 24 ) : -1 );
		precision = ( ( rng () % 3 ) ? -1 : ( int )( rng () % 22 ) );
		length = lengths[rng () % 6];
		conv = convs[rng () % 5];
		value = rng ();
		if ( rng () % 4 == 0 )
			value &= 0xff;
		if ( rng () % 8 == 0 )
			value = 0;
		snprintf ( fmt, sizeof ( fmt ), "<%%%s", flags[rng () % 11] );
		if ( width >= 0 )
			snprintf ( fmt + strlen ( fmt ), 8, "%d", width );
		if ( precision >= 0 )
			snprintf ( fmt + strlen ( fmt ), 8, ".%d", precision );
		snprintf ( fmt + strlen ( fmt ), 8, "%s%c>", length, conv );

		/* Pass the argument with the type the modifier names */
		if ( strcmp ( length, "ll" ) == 0 )
			check_format ( fmt, ( long long )value );
		else if ( strcmp ( length, "l" ) == 0 )
			check_format ( fmt, ( long )value );
		else if ( strcmp ( length, "z" ) == 0 )
			check_format ( fmt, ( size_t )value );
		else
			check_format ( fmt, ( int )value );
	}
}

/**
 * Test printf(), vprintf() and puts() through the carrier's putchar()
 *
 * @v state		Unused
 */
static void test_console ( void **state ) {
	char expected[FMT_BUF];
	int len;

	( void )state;
	console.len = 0;
	len = xl_printf ( "%s %d %#x|%-4s|", "xenmb", -3, 0xbeefU, "ab" );
	snprintf ( expected, sizeof ( expected ), "%s %d %#x|%-4s|", "xenmb",
	           -3, 0xbeefU, "ab" );
	assert_string_equal ( console.buf, expected );
	assert_int_equal ( len, strlen ( expected ) );

	console.len = 0;
	xl_puts ( "line" );
	assert_string_equal ( console.buf, "line\n" );
}

/**
 * Compare one strto* conversion with glibc, in every base
 *
 * @v str		String
 */
static void check_strto ( const char *str ) {
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };
	char *expected_end;
	char *actual_end;
	unsigned int i;
	int base;

	for ( i = 0; i < ( sizeof ( bases ) / sizeof ( bases[0] ) ); i++ ) {
		base = bases[i];
		assert_int_equal ( xl_strtoul ( str, &actual_end, base ),
		                   strtoul ( str, &expected_end, base ) );
		assert_ptr_equal ( actual_end, expected_end );
		assert_int_equal ( xl_strtoull ( str, &actual_end, base ),
		                   strtoull ( str, &expected_end, base ) );
		assert_ptr_equal ( actual_end, expected_end );
		assert_int_equal ( xl_strtol ( str, &actual_end, base ),
		                   strtol ( str, &expected_end, base ) );
		assert_ptr_equal ( actual_end, expected_end );
		assert_int_equal ( xl_strtoul ( str, NULL, base ),
		                   strtoul ( str, NULL, base ) );
	}
}

/**
 * Test strtoul(), strtoull() and strtol() against glibc
 *
 * @v state		Unused
 */
static void test_strto ( void **state ) {
	static const char *const inputs[] = {
	        "0",
	        "1",
	        "42",
	        "  42abc",
	        "\t\n-17",
	        "+9",
	        "-",
	        "+",
	        "",
	        "0x",
	        "0x1f",
	        "0X1F",
	        "0xg",
	        "0777",
	        "0789",
	        "09",
	        "zz",
	        "Zz9",
	        "101012",
	        "-0x10",
	        "  +0x7fffffff",
	        "4294967295",
	        "4294967296",
	        "18446744073709551615",
	        "18446744073709551616",
	        "99999999999999999999999",
	        "-18446744073709551615",
	        "-18446744073709551616",
	        "9223372036854775807",
	        "9223372036854775808",
	        "-9223372036854775808",
	        "-9223372036854775809",
	        "0x8000000000000000",
	        "1e3",
	        " x1",
	        "-0",
	        "00x5",
	};
	char random[24];
	unsigned int i;
	unsigned int j;

	( void )state;
	for ( i = 0; i < ( sizeof ( inputs ) / sizeof ( inputs[0] ) ); i++ )
		check_strto ( inputs[i] );
	for ( i = 0; i < 2000; i++ ) {
		for ( j = 0; j < ( sizeof ( random ) - 1 ); j++ )
			random[j] = "0123456789abcdefxXzZ -+\t"[rng () % 25];
		random[rng () % sizeof ( random )] = '\0';
		random[sizeof ( random ) - 1] = '\0';
		check_strto ( random );
	}
}

/**
 * Get the sign of a comparison result
 *
 * @v diff		Result
 * @ret sign		-1, 0 or 1
 */
static int sign ( int diff ) {
	return ( ( diff > 0 ) - ( diff < 0 ) );
}

/**
 * Test the string functions against glibc
 *
 * @v state		Unused
 */
static void test_strings ( void **state ) {
	static const char *const words[] = {
	        "",      "a",      "A",      "abc",     "ABC",         "abd",
	        "ab",    "xen.gz", "XEN.GZ", "vmlinuz", "vmlinuz-6.1", "\xff",
	        "a\xff", "ababc",
	};
	const unsigned int count = ( sizeof ( words ) / sizeof ( words[0] ) );
	const char *a;
	const char *b;
	char expected[16];
	char actual[16];
	unsigned int i;
	unsigned int j;
	size_t n;

	( void )state;
	for ( i = 0; i < count; i++ ) {
		a = words[i];
		assert_int_equal ( xl_strlen ( a ), strlen ( a ) );
		for ( n = 0; n < 8; n++ ) {
			assert_int_equal ( xl_strnlen ( a, n ),
			                   strnlen ( a, n ) );
			memset ( expected, 'E', sizeof ( expected ) );
			memset ( actual, 'E', sizeof ( actual ) );
			strncpy ( expected, a, n );
			xl_strncpy ( actual, a, n );
			assert_memory_equal ( actual, expected,
			                      sizeof ( actual ) );
		}
		assert_ptr_equal ( xl_strchr ( a, 'b' ), strchr ( a, 'b' ) );
		assert_ptr_equal ( xl_strchr ( a, '\0' ), strchr ( a, '\0' ) );
		assert_ptr_equal ( xl_strrchr ( a, 'b' ), strrchr ( a, 'b' ) );
		assert_ptr_equal ( xl_strrchr ( a, '\0' ),
		                   strrchr ( a, '\0' ) );
		assert_ptr_equal ( xl_memchr ( a, 'c', strlen ( a ) ),
		                   memchr ( a, 'c', strlen ( a ) ) );
		for ( j = 0; j < count; j++ ) {
			b = words[j];
			assert_int_equal ( sign ( xl_strcmp ( a, b ) ),
			                   sign ( strcmp ( a, b ) ) );
			assert_int_equal ( sign ( xl_strcasecmp ( a, b ) ),
			                   sign ( strcasecmp ( a, b ) ) );
			assert_ptr_equal ( xl_strstr ( a, b ),
			                   strstr ( a, b ) );
			for ( n = 0; n < 5; n++ ) {
				assert_int_equal (
				        sign ( xl_strncmp ( a, b, n ) ),
				        sign ( strncmp ( a, b, n ) ) );
				assert_int_equal (
				        sign ( xl_strncasecmp ( a, b, n ) ),
				        sign ( strncasecmp ( a, b, n ) ) );
			}
			n = ( ( strlen ( a ) < strlen ( b ) ) ? strlen ( a )
			                                      : strlen ( b ) );
			assert_int_equal ( sign ( xl_memcmp ( a, b, n + 1 ) ),
			                   sign ( memcmp ( a, b, n + 1 ) ) );
		}
	}
}

/**
 * Test memcpy(), memmove() and memset(), overlapping both ways
 *
 * @v state		Unused
 */
static void test_memory ( void **state ) {
	uint8_t expected[64];
	uint8_t actual[64];
	uint8_t source[64];
	size_t dest;
	size_t src;
	size_t len;
	unsigned int i;

	( void )state;
	for ( i = 0; i < 5000; i++ ) {
		for ( len = 0; len < sizeof ( source ); len++ )
			source[len] = rng ();
		dest = ( rng () % 32 );
		src = ( rng () % 32 );
		len = ( rng () % 33 );
		memcpy ( expected, source, sizeof ( expected ) );
		memcpy ( actual, source, sizeof ( actual ) );
		memmove ( &expected[dest], &expected[src], len );
		assert_ptr_equal (
		        xl_memmove ( &actual[dest], &actual[src], len ),
		        &actual[dest] );
		assert_memory_equal ( actual, expected, sizeof ( actual ) );

		memset ( &expected[dest], ( int )len, len );
		assert_ptr_equal ( xl_memset ( &actual[dest], ( int )len, len ),
		                   &actual[dest] );
		assert_memory_equal ( actual, expected, sizeof ( actual ) );

		memcpy ( &expected[32], &source[src], len );
		assert_ptr_equal ( xl_memcpy ( &actual[32], &source[src], len ),
		                   &actual[32] );
		assert_memory_equal ( actual, expected, sizeof ( actual ) );
	}
}

/**
 * Test the character classes against glibc (C locale, ASCII)
 *
 * @v state		Unused
 */
static void test_ctype ( void **state ) {
	int c;

	( void )state;
	for ( c = 0; c < 128; c++ ) {
		assert_int_equal ( !!xl_isspace ( c ), !!isspace ( c ) );
		assert_int_equal ( !!xl_isdigit ( c ), !!isdigit ( c ) );
		assert_int_equal ( !!xl_isxdigit ( c ), !!isxdigit ( c ) );
		assert_int_equal ( !!xl_isupper ( c ), !!isupper ( c ) );
		assert_int_equal ( !!xl_islower ( c ), !!islower ( c ) );
		assert_int_equal ( !!xl_isalpha ( c ), !!isalpha ( c ) );
		assert_int_equal ( !!xl_isalnum ( c ), !!isalnum ( c ) );
		assert_int_equal ( !!xl_isprint ( c ), !!isprint ( c ) );
		assert_int_equal ( !!xl_ispunct ( c ), !!ispunct ( c ) );
		assert_int_equal ( xl_toupper ( c ), toupper ( c ) );
		assert_int_equal ( xl_tolower ( c ), tolower ( c ) );
	}
}

/**
 * Test the 64-bit division helpers against the host's division
 *
 * @v state		Unused
 */
static void test_division ( void **state ) {
	uint64_t num;
	uint64_t den;
	uint64_t rem;
	int64_t snum;
	int64_t sden;
	unsigned int i;

	( void )state;
	for ( i = 0; i < 100000; i++ ) {
		num = ( rng () >> ( rng () % 64 ) );
		den = ( rng () >> ( rng () % 64 ) );
		if ( !den )
			den = 1;
		assert_int_equal ( xl_udivdi3 ( num, den ), ( num / den ) );
		assert_int_equal ( xl_umoddi3 ( num, den ), ( num % den ) );
		assert_int_equal ( xl_udivmoddi4 ( num, den, &rem ),
		                   ( num / den ) );
		assert_int_equal ( rem, ( num % den ) );
		snum = ( int64_t )num * ( ( rng () & 1 ) ? -1 : 1 );
		sden = ( int64_t )den * ( ( rng () & 1 ) ? -1 : 1 );
		if ( ( snum == INT64_MIN ) && ( sden == -1 ) )
			continue;
		assert_int_equal ( xl_divdi3 ( snum, sden ), ( snum / sden ) );
		assert_int_equal ( xl_moddi3 ( snum, sden ), ( snum % sden ) );
	}
	assert_int_equal ( xl_udivdi3 ( ~0ULL, 1 ), ~0ULL );
	assert_int_equal ( xl_udivdi3 ( ~0ULL, ~0ULL ), 1 );
	assert_int_equal ( xl_umoddi3 ( 10, ~0ULL ), 10 );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	static const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_format_fixed ),
	        cmocka_unit_test ( test_format_random ),
	        cmocka_unit_test ( test_console ),
	        cmocka_unit_test ( test_strto ),
	        cmocka_unit_test ( test_strings ),
	        cmocka_unit_test ( test_memory ),
	        cmocka_unit_test ( test_ctype ),
	        cmocka_unit_test ( test_division ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}

/*
 * The library under test, compiled here under renamed symbols (glibc's
 * <ctype.h> defines its functions as macros: drop those first)
 */
#undef isspace
#undef isdigit
#undef isxdigit
#undef isupper
#undef islower
#undef isalpha
#undef isalnum
#undef isprint
#undef ispunct
#undef toupper
#undef tolower
#undef isspace
#undef isdigit
#undef isxdigit
#undef isupper
#undef islower
#undef isalpha
#undef isalnum
#undef isprint
#undef ispunct
#undef toupper
#undef tolower
#define memcpy       xl_memcpy
#define memmove      xl_memmove
#define memset       xl_memset
#define memcmp       xl_memcmp
#define memchr       xl_memchr
#define strlen       xl_strlen
#define strnlen      xl_strnlen
#define strcmp       xl_strcmp
#define strncmp      xl_strncmp
#define strcasecmp   xl_strcasecmp
#define strncasecmp  xl_strncasecmp
#define strchr       xl_strchr
#define strrchr      xl_strrchr
#define strstr       xl_strstr
#define strncpy      xl_strncpy
#define isspace      xl_isspace
#define isdigit      xl_isdigit
#define isxdigit     xl_isxdigit
#define isupper      xl_isupper
#define islower      xl_islower
#define isalpha      xl_isalpha
#define isalnum      xl_isalnum
#define isprint      xl_isprint
#define ispunct      xl_ispunct
#define toupper      xl_toupper
#define tolower      xl_tolower
#define strtoul      xl_strtoul
#define strtoull     xl_strtoull
#define strtol       xl_strtol
#define vsnprintf    xl_vsnprintf
#define snprintf     xl_snprintf
#define vprintf      xl_vprintf
#define printf       xl_printf
#define puts         xl_puts
#define putchar      xl_putchar
#define __udivmoddi4 xl_udivmoddi4
#define __udivdi3    xl_udivdi3
#define __umoddi3    xl_umoddi3
#define __divdi3     xl_divdi3
#define __moddi3     xl_moddi3

#include "../../src/libc/ctype.c"
#include "../../src/libc/string.c"
#include "../../src/libc/strtoul.c"
#include "../../src/libc/vsprintf.c"
#include "../../src/libc/libgcc.c"
