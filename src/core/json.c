/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * A small streaming JSON writer
 *
 * Writes into a caller buffer or hands each piece to a sink.  The writer
 * inserts commas and member names itself, escapes strings, and formats
 * numbers without the C library's printf (so the same code runs in the
 * freestanding carriers, where 64-bit printf support is not assumed).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/json.h>

/**
 * Emit raw text
 *
 * @v json		Writer
 * @v text		Text
 * @v len		Length
 */
static void json_emit ( struct json *json, const char *text, size_t len ) {
	size_t room;
	size_t copy;

	/* Hand to a sink if there is one */
	if ( json->sink ) {
		json->sink ( json->ctx, text, len );
		json->len += len;
		return;
	}

	/* Copy what fits, always keeping room for the terminator */
	room = ( json->len < json->size ) ? ( json->size - 1 - json->len ) : 0;
	copy = ( len < room ) ? len : room;
	if ( copy )
		memcpy ( json->buf + json->len, text, copy );
	if ( copy < len && !json->rc )
		json->rc = -XENOSPC;
	json->len += len;
	json->buf[( json->len < json->size ) ? json->len : ( json->size - 1 )] =
	        '\0';
}

/**
 * Emit a NUL-terminated string
 *
 * @v json		Writer
 * @v text		Text
 */
static void json_puts ( struct json *json, const char *text ) {
	json_emit ( json, text, strlen ( text ) );
}

/**
 * Emit an escaped string with its quotes
 *
 * @v json		Writer
 * @v text		Text
 * @v len		Length
 */
static void json_quote ( struct json *json, const char *text, size_t len ) {
	static const char hex[] = "0123456789abcdef";
	char esc[6];
	size_t start = 0;
	size_t i;
	unsigned char c;

	json_emit ( json, "\"", 1 );
	for ( i = 0; i < len; i++ ) {
		c = ( unsigned char )text[i];
		if ( ( c >= 0x20 ) && ( c != '"' ) && ( c != '\\' ) &&
		     ( c < 0x7f ) )
			continue;

		/* Flush the plain run, then the escape */
		json_emit ( json, ( text + start ), ( i - start ) );
		start = ( i + 1 );
		if ( ( c == '"' ) || ( c == '\\' ) ) {
			esc[0] = '\\';
			esc[1] = ( char )c;
			json_emit ( json, esc, 2 );
		} else {
			/* Control bytes and non-ASCII as \u00XX (tables
			 * carry bytes, not UTF-8) */
			memcpy ( esc, "\\u00", 4 );
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			json_emit ( json, esc, 6 );
		}
	}
	json_emit ( json, ( text + start ), ( len - start ) );
	json_emit ( json, "\"", 1 );
}

/**
 * Start a value: comma and member name as needed
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 */
static void json_begin_value ( struct json *json, const char *key ) {

	if ( json->after_key ) {
		/* Name already written by json_key() */
		json->after_key = 0;
		return;
	}
	if ( json->nonempty[json->depth] )
		json_emit ( json, ",", 1 );
	json->nonempty[json->depth] = 1;
	if ( key ) {
		json_quote ( json, key, strlen ( key ) );
		json_emit ( json, ":", 1 );
	}
}

/**
 * Start writing into a buffer
 *
 * @v json		Writer
 * @v buf		Buffer
 * @v size		Size of the buffer (at least 1)
 */
void json_init_buffer ( struct json *json, char *buf, size_t size ) {
	memset ( json, 0, sizeof ( *json ) );
	json->buf = buf;
	json->size = size;
	if ( size )
		buf[0] = '\0';
	else
		json->rc = -XENOSPC;
}

/**
 * Start writing to a sink
 *
 * @v json		Writer
 * @v sink		Sink function
 * @v ctx		Sink context
 */
void json_init_sink ( struct json *json, json_sink_t sink, void *ctx ) {
	memset ( json, 0, sizeof ( *json ) );
	json->sink = sink;
	json->ctx = ctx;
}

/**
 * Finish writing
 *
 * @v json		Writer
 * @ret rc		0, -XENOSPC if the buffer was too small, -XERANGE if
 *			objects or arrays were left open or nested too deep
 */
int json_finish ( struct json *json ) {

	if ( json->rc )
		return json->rc;
	if ( json->depth || json->after_key )
		return -XERANGE;
	return 0;
}

/**
 * Write a member name on its own; the next value call must pass NULL
 *
 * @v json		Writer
 * @v key		Member name
 */
void json_key ( struct json *json, const char *key ) {
	json_begin_value ( json, key );
	json->after_key = 1;
}

/**
 * Open an object or array
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v open		Opening bracket
 */
static void json_open ( struct json *json, const char *key, const char *open ) {

	json_begin_value ( json, key );
	json_puts ( json, open );
	if ( json->depth >= JSON_MAX_DEPTH ) {
		if ( !json->rc )
			json->rc = -XERANGE;
		return;
	}
	json->depth++;
	json->nonempty[json->depth] = 0;
}

/**
 * Close an object or array
 *
 * @v json		Writer
 * @v close		Closing bracket
 */
static void json_close ( struct json *json, const char *close ) {

	if ( !json->depth ) {
		if ( !json->rc )
			json->rc = -XERANGE;
		return;
	}
	json->depth--;
	json_puts ( json, close );
}

/**
 * Open an object
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 */
void json_object_open ( struct json *json, const char *key ) {
	json_open ( json, key, "{" );
}

/**
 * Close the innermost object
 *
 * @v json		Writer
 */
void json_object_close ( struct json *json ) {
	json_close ( json, "}" );
}

/**
 * Open an array
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 */
void json_array_open ( struct json *json, const char *key ) {
	json_open ( json, key, "[" );
}

/**
 * Close the innermost array
 *
 * @v json		Writer
 */
void json_array_close ( struct json *json ) {
	json_close ( json, "]" );
}

/**
 * Write a string (escaped)
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v text		NUL-terminated text, or NULL for null
 */
void json_string ( struct json *json, const char *key, const char *text ) {

	if ( !text ) {
		json_null ( json, key );
		return;
	}
	json_string_len ( json, key, text, strlen ( text ) );
}

/**
 * Write a string of a given length (escaped; NUL bytes are escaped too)
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v text		Text
 * @v len		Length
 */
void json_string_len ( struct json *json, const char *key, const char *text,
                       size_t len ) {
	json_begin_value ( json, key );
	json_quote ( json, text, len );
}

/**
 * Format an unsigned number in a base
 *
 * @v buf		Buffer of at least 21 bytes
 * @v value		Value
 * @v base		10 or 16
 * @ret text		Start of the digits within @c buf
 */
static char *json_format_uint ( char *buf, uint64_t value, unsigned int base ) {
	static const char digits[] = "0123456789abcdef";
	char *p = ( buf + 20 );

	*p = '\0';
	do {
		*( --p ) = digits[value % base];
		value /= base;
	} while ( value );
	return p;
}

/**
 * Write an unsigned number
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v value		Value
 */
void json_uint ( struct json *json, const char *key, uint64_t value ) {
	char buf[21];

	json_begin_value ( json, key );
	json_puts ( json, json_format_uint ( buf, value, 10 ) );
}

/**
 * Write a signed number
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v value		Value
 */
void json_int ( struct json *json, const char *key, int64_t value ) {
	char buf[21];
	uint64_t magnitude;

	json_begin_value ( json, key );
	if ( value < 0 ) {
		json_emit ( json, "-", 1 );
		magnitude = ( ~( ( uint64_t )value ) + 1 );
	} else {
		magnitude = ( uint64_t )value;
	}
	json_puts ( json, json_format_uint ( buf, magnitude, 10 ) );
}

/**
 * Write a boolean
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v value		Zero for false, anything else for true
 */
void json_bool ( struct json *json, const char *key, int value ) {
	json_begin_value ( json, key );
	json_puts ( json, ( value ? "true" : "false" ) );
}

/**
 * Write null
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 */
void json_null ( struct json *json, const char *key ) {
	json_begin_value ( json, key );
	json_puts ( json, "null" );
}

/**
 * Write a number as a hex string "0x..." (lower case, no leading zeros)
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v value		Value
 */
void json_hex ( struct json *json, const char *key, uint64_t value ) {
	char buf[21];

	json_begin_value ( json, key );
	json_puts ( json, "\"0x" );
	json_puts ( json, json_format_uint ( buf, value, 16 ) );
	json_emit ( json, "\"", 1 );
}

/**
 * Write fixed-width lower-case hex digits
 *
 * @v buf		Buffer
 * @v value		Value
 * @v width		Number of digits
 * @ret end		Position after the digits
 */
static char *json_fixed_hex ( char *buf, unsigned int value,
                              unsigned int width ) {
	static const char digits[] = "0123456789abcdef";
	unsigned int i;

	for ( i = 0; i < width; i++ )
		buf[i] = digits[( value >> ( 4 * ( width - 1 - i ) ) ) & 0xf];
	return ( buf + width );
}

/**
 * Format a PCI address "SSSS:BB:DD.F"
 *
 * @v buf		Buffer of at least 13 bytes
 * @v segment		PCI segment
 * @v bdf		Bus << 8 | device << 3 | function
 * @ret buf		@c buf
 */
char *json_format_bdf ( char *buf, unsigned int segment, unsigned int bdf ) {
	char *p = buf;

	p = json_fixed_hex ( p, ( segment & 0xffff ), 4 );
	*( p++ ) = ':';
	p = json_fixed_hex ( p, ( ( bdf >> 8 ) & 0xff ), 2 );
	*( p++ ) = ':';
	p = json_fixed_hex ( p, ( ( bdf >> 3 ) & 0x1f ), 2 );
	*( p++ ) = '.';
	p = json_fixed_hex ( p, ( bdf & 0x7 ), 1 );
	*p = '\0';
	return buf;
}

/**
 * Write a PCI address "SSSS:BB:DD.F"
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v segment		PCI segment
 * @v bdf		Bus << 8 | device << 3 | function
 */
void json_bdf ( struct json *json, const char *key, unsigned int segment,
                unsigned int bdf ) {
	char buf[13];

	json_string ( json, key, json_format_bdf ( buf, segment, bdf ) );
}
