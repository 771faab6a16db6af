/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the JSON writer
 *
 * The expected texts are written by hand from the JSON grammar (RFC 8259)
 * and DESIGN.md's conventions (hex strings, "SSSS:BB:DD.F").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/json.h>

/** Nesting, commas, member names and every value kind */
static void test_json_values ( void **state ) {
	char buf[512];
	struct json json;

	( void )state;
	json_init_buffer ( &json, buf, sizeof ( buf ) );
	json_object_open ( &json, NULL );
	json_uint ( &json, "version", 1 );
	json_string ( &json, "source", "tables" );
	json_array_open ( &json, "list" );
	json_uint ( &json, NULL, 0 );
	json_uint ( &json, NULL, UINT64_MAX );
	json_int ( &json, NULL, INT64_MIN );
	json_int ( &json, NULL, -5 );
	json_bool ( &json, NULL, 2 );
	json_bool ( &json, NULL, 0 );
	json_null ( &json, NULL );
	json_array_close ( &json );
	json_object_open ( &json, "empty" );
	json_object_close ( &json );
	json_array_open ( &json, "none" );
	json_array_close ( &json );
	json_hex ( &json, "base", 0xfed90000ULL );
	json_hex ( &json, "zero", 0 );
	json_bdf ( &json, "bdf", 0x1f, ( 0xf0 << 8 ) | ( 0x1f << 3 ) | 7 );
	json_key ( &json, "keyed" );
	json_string ( &json, NULL, NULL );
	json_object_close ( &json );
	assert_int_equal ( json_finish ( &json ), 0 );
	assert_string_equal (
	        buf, "{\"version\":1,\"source\":\"tables\",\"list\":[0,"
	             "18446744073709551615,-9223372036854775808,-5,true,false,"
	             "null],\"empty\":{},\"none\":[],\"base\":\"0xfed90000\","
	             "\"zero\":\"0x0\",\"bdf\":\"001f:f0:1f.7\","
	             "\"keyed\":null}" );
	assert_int_equal ( json.len, strlen ( buf ) );
}

/** Strings: quotes, backslashes, control and high bytes, embedded NUL */
static void test_json_escapes ( void **state ) {
	static const char raw[] = { 'a',  '"', '\\',         '\n',
	                            0x01, 0,   ( char )0xe9, 'z' };
	char buf[128];
	struct json json;

	( void )state;
	json_init_buffer ( &json, buf, sizeof ( buf ) );
	json_string_len ( &json, NULL, raw, sizeof ( raw ) );
	assert_int_equal ( json_finish ( &json ), 0 );
	assert_string_equal ( buf,
	                      "\"a\\\"\\\\\\u000a\\u0001\\u0000\\u00e9z\"" );
}

/** Overflow is reported; the buffer stays terminated and in bounds */
static void test_json_overflow ( void **state ) {
	char buf[16];
	struct json json;

	( void )state;
	memset ( buf, 'x', sizeof ( buf ) );
	json_init_buffer ( &json, buf, 8 );
	json_object_open ( &json, NULL );
	json_string ( &json, "name", "a long value" );
	json_object_close ( &json );
	assert_int_equal ( json_finish ( &json ), -XENOSPC );
	assert_int_equal ( strlen ( buf ), 7 );
	assert_memory_equal ( buf, "{\"name\"", 7 );
	assert_int_equal ( buf[8], 'x' );
	assert_int_equal ( json.len, strlen ( "{\"name\":\"a long value\"}" ) );
}

/** Unbalanced or too deep nesting is reported */
static void test_json_nesting ( void **state ) {
	char buf[128];
	struct json json;
	unsigned int i;

	( void )state;
	json_init_buffer ( &json, buf, sizeof ( buf ) );
	json_array_open ( &json, NULL );
	assert_int_equal ( json_finish ( &json ), -XERANGE );

	json_init_buffer ( &json, buf, sizeof ( buf ) );
	json_array_close ( &json );
	assert_int_equal ( json_finish ( &json ), -XERANGE );

	json_init_buffer ( &json, buf, sizeof ( buf ) );
	for ( i = 0; i <= JSON_MAX_DEPTH; i++ )
		json_array_open ( &json, NULL );
	assert_int_equal ( json_finish ( &json ), -XERANGE );
}

/** Collected sink output */
struct sink_buf {
	char text[128];
	size_t len;
	unsigned int calls;
};

/**
 * Test sink
 *
 * @v ctx		struct sink_buf
 * @v text		Text
 * @v len		Length
 */
static void test_sink ( void *ctx, const char *text, size_t len ) {
	struct sink_buf *sink = ctx;

	assert_true ( ( sink->len + len ) < sizeof ( sink->text ) );
	memcpy ( ( sink->text + sink->len ), text, len );
	sink->len += len;
	sink->text[sink->len] = '\0';
	sink->calls++;
}

/** Writing to a sink gives the same text */
static void test_json_sink ( void **state ) {
	struct sink_buf sink;
	struct json json;

	( void )state;
	memset ( &sink, 0, sizeof ( sink ) );
	json_init_sink ( &json, test_sink, &sink );
	json_object_open ( &json, NULL );
	json_array_open ( &json, "a" );
	json_hex ( &json, NULL, 0xABCDEF0123456789ULL );
	json_array_close ( &json );
	json_object_close ( &json );
	assert_int_equal ( json_finish ( &json ), 0 );
	assert_string_equal ( sink.text, "{\"a\":[\"0xabcdef0123456789\"]}" );
	assert_true ( sink.calls > 1 );
}

/** PCI address formatting */
static void test_json_format_bdf ( void **state ) {
	char buf[13];

	( void )state;
	assert_string_equal ( json_format_bdf ( buf, 0, 0 ), "0000:00:00.0" );
	assert_string_equal ( json_format_bdf ( buf, 0xffff, 0xffff ),
	                      "ffff:ff:1f.7" );
	assert_string_equal ( json_format_bdf ( buf, 0, 0x00a0 ),
	                      "0000:00:14.0" );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_json_values ),
	        cmocka_unit_test ( test_json_escapes ),
	        cmocka_unit_test ( test_json_overflow ),
	        cmocka_unit_test ( test_json_nesting ),
	        cmocka_unit_test ( test_json_sink ),
	        cmocka_unit_test ( test_json_format_bdf ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
