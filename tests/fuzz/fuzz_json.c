/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the JSON writer (json.c)
 *
 * The input is a program: each byte picks a call (open or close an
 * object or array, a string with arbitrary bytes, numbers, booleans,
 * null, hex, PCI address), followed by its operands.  Calls are kept
 * well nested by the harness, except that nesting deeper than
 * JSON_MAX_DEPTH or levels left open must make json_finish() fail.
 *
 * The same program is written twice: into a buffer of a fuzzed size and
 * to a sink.  The sink's text is then parsed here (a strict parser: ASCII
 * only, legal escapes) and every value read back is compared with the
 * call that made it: strings byte for byte, numbers by value.  The
 * buffer must hold a prefix of the sink's text, NUL terminated, and
 * report -XENOSPC exactly when the text did not fit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/json.h>
#include "fuzz_input.h"

/** Most calls in one program */
#define FUZZ_MAX_CALLS 256

/** Longest string operand */
#define FUZZ_TEXT_MAX 24

/** Size of the sink's text */
#define FUZZ_SINK_MAX ( 64 * 1024 )

/** Calls */
enum fuzz_op {
	OP_OBJECT,
	OP_ARRAY,
	OP_CLOSE,
	OP_STRING,
	OP_UINT,
	OP_INT,
	OP_BOOL,
	OP_NULL,
	OP_HEX,
	OP_BDF,
	OP_COUNT,
};

/** One call and its operands */
struct fuzz_call {
	enum fuzz_op op;
	/** Member name (inside an object), or none */
	int has_key;
	char key[FUZZ_TEXT_MAX];
	size_t key_len;
	/** String operand (may hold NUL bytes) */
	char text[FUZZ_TEXT_MAX];
	size_t text_len;
	/** Number operand */
	uint64_t value;
	unsigned int segment;
};

/** A program and its check */
struct fuzz_prog {
	struct fuzz_call calls[FUZZ_MAX_CALLS];
	unsigned int count;
	/** Nonzero if json_finish() must fail with -XERANGE */
	int bad_nesting;
	/** Sink text */
	char sink[FUZZ_SINK_MAX];
	size_t sink_len;
	/** Parser: position, and the call next expected */
	size_t pos;
	unsigned int next;
};

/**
 * Sink: append to the program's text
 *
 * @v ctx		Program
 * @v text		Text
 * @v len		Length
 */
static void fuzz_sink ( void *ctx, const char *text, size_t len ) {
	struct fuzz_prog *prog = ctx;

	if ( len > ( sizeof ( prog->sink ) - prog->sink_len ) )
		abort ();
	memcpy ( ( prog->sink + prog->sink_len ), text, len );
	prog->sink_len += len;
}

/**
 * Take a counted byte string operand
 *
 * @v in		Reader
 * @v buf		Buffer (FUZZ_TEXT_MAX)
 * @ret len		Length
 */
static size_t fuzz_text ( struct fuzz_input *in, char *buf ) {
	size_t len = ( fuzz_take ( in, 1 ) % FUZZ_TEXT_MAX );
	size_t i;

	for ( i = 0; i < len; i++ )
		buf[i] = ( char )fuzz_take ( in, 1 );
	return len;
}

/**
 * Read a well-nested program from the input
 *
 * @v in		Reader
 * @v prog		Program to fill
 */
static void fuzz_read_prog ( struct fuzz_input *in, struct fuzz_prog *prog ) {
	uint8_t stack[FUZZ_MAX_CALLS];
	unsigned int depth = 0;
	struct fuzz_call *call;
	int done = 0;

	prog->count = 0;
	prog->bad_nesting = 0;
	while ( in->size && ( !done ) && ( prog->count < FUZZ_MAX_CALLS ) ) {
		call = &prog->calls[prog->count];
		memset ( call, 0, sizeof ( *call ) );
		call->op = ( fuzz_take ( in, 1 ) % OP_COUNT );
		if ( call->op == OP_CLOSE ) {
			if ( !depth )
				continue;
			depth--;
			prog->count++;
			done = ( depth == 0 );
			continue;
		}
		if ( depth && ( stack[depth - 1] == OP_OBJECT ) ) {
			call->has_key = 1;
			/* Member names are C strings */
			fuzz_text ( in, call->key );
			call->key_len =
			        strnlen ( call->key, FUZZ_TEXT_MAX - 1 );
			call->key[call->key_len] = '\0';
		}
		call->text_len = fuzz_text ( in, call->text );
		call->value = fuzz_take ( in, 8 );
		call->segment = fuzz_take ( in, 2 );
		prog->count++;
		if ( ( call->op == OP_OBJECT ) || ( call->op == OP_ARRAY ) ) {
			stack[depth++] = call->op;
			if ( depth > JSON_MAX_DEPTH )
				prog->bad_nesting = 1;
		} else if ( !depth ) {
			done = 1;
		}
	}
	if ( depth )
		prog->bad_nesting = 1;
}

/**
 * Make the calls of a program
 *
 * @v prog		Program
 * @v json		Writer
 */
static void fuzz_run_prog ( const struct fuzz_prog *prog, struct json *json ) {
	const struct fuzz_call *call;
	uint8_t stack[FUZZ_MAX_CALLS];
	unsigned int depth = 0;
	const char *key;
	unsigned int i;

	for ( i = 0; i < prog->count; i++ ) {
		call = &prog->calls[i];
		key = ( call->has_key ? call->key : NULL );
		switch ( call->op ) {
		case OP_OBJECT:
			json_object_open ( json, key );
			stack[depth++] = OP_OBJECT;
			break;
		case OP_ARRAY:
			json_array_open ( json, key );
			stack[depth++] = OP_ARRAY;
			break;
		case OP_CLOSE:
			if ( stack[--depth] == OP_OBJECT )
				json_object_close ( json );
			else
				json_array_close ( json );
			break;
		case OP_STRING:
			json_string_len ( json, key, call->text,
			                  call->text_len );
			break;
		case OP_UINT:
			json_uint ( json, key, call->value );
			break;
		case OP_INT:
			json_int ( json, key, ( int64_t )call->value );
			break;
		case OP_BOOL:
			json_bool ( json, key, ( call->value & 1 ) );
			break;
		case OP_NULL:
			json_null ( json, key );
			break;
		case OP_HEX:
			json_hex ( json, key, call->value );
			break;
		case OP_BDF:
			json_bdf ( json, key, call->segment,
			           ( call->value & 0xffff ) );
			break;
		default:
			abort ();
		}
	}
}

/**
 * Parse a JSON string at the current position
 *
 * @v prog		Program (its sink text)
 * @v out		Decoded bytes (FUZZ_SINK_MAX)
 * @ret len		Decoded length
 */
static size_t fuzz_parse_string ( struct fuzz_prog *prog, char *out ) {
	const char *s = prog->sink;
	size_t len = 0;
	unsigned int code;
	char c;

	if ( s[prog->pos++] != '"' )
		abort ();
	while ( 1 ) {
		if ( prog->pos >= prog->sink_len )
			abort ();
		c = s[prog->pos++];
		if ( c == '"' )
			return len;
		if ( ( ( unsigned char )c < 0x20 ) ||
		     ( ( unsigned char )c >= 0x7f ) )
			abort ();
		if ( c != '\\' ) {
			out[len++] = c;
			continue;
		}
		c = s[prog->pos++];
		if ( ( c == '"' ) || ( c == '\\' ) || ( c == '/' ) ) {
			out[len++] = c;
		} else if ( c == 'u' ) {
			if ( ( prog->pos + 4 ) > prog->sink_len ||
			     ( sscanf ( ( s + prog->pos ), "%4x", &code ) !=
			       1 ) ||
			     ( code > 0xff ) )
				abort ();
			prog->pos += 4;
			out[len++] = ( char )code;
		} else {
			/* The writer only uses \" \\ and \u00XX */
			abort ();
		}
	}
}

/**
 * Parse a bare token (number, true, false, null)
 *
 * @v prog		Program
 * @v buf		Token, NUL terminated (32 bytes)
 */
static void fuzz_parse_token ( struct fuzz_prog *prog, char *buf ) {
	size_t len = 0;
	char c;

	while ( prog->pos < prog->sink_len ) {
		c = prog->sink[prog->pos];
		if ( ( c == ',' ) || ( c == '}' ) || ( c == ']' ) )
			break;
		if ( len == 31 )
			abort ();
		buf[len++] = c;
		prog->pos++;
	}
	buf[len] = '\0';
}

/**
 * Parse one value and compare it with the call that made it
 *
 * @v prog		Program
 */
static void fuzz_parse_value ( struct fuzz_prog *prog ) {
	static char text[FUZZ_SINK_MAX];
	const struct fuzz_call *call;
	char expect[32];
	size_t len;
	int first = 1;
	char close;

	if ( prog->next >= prog->count )
		abort ();
	call = &prog->calls[prog->next++];
	if ( call->has_key ) {
		len = fuzz_parse_string ( prog, text );
		if ( ( len != call->key_len ) ||
		     ( memcmp ( text, call->key, len ) != 0 ) ||
		     ( prog->sink[prog->pos++] != ':' ) )
			abort ();
	}
	switch ( call->op ) {
	case OP_OBJECT:
	case OP_ARRAY:
		if ( prog->sink[prog->pos++] !=
		     ( ( call->op == OP_OBJECT ) ? '{' : '[' ) )
			abort ();
		close = ( ( call->op == OP_OBJECT ) ? '}' : ']' );
		while ( prog->sink[prog->pos] != close ) {
			if ( ( !first ) && ( prog->sink[prog->pos++] != ',' ) )
				abort ();
			first = 0;
			fuzz_parse_value ( prog );
		}
		prog->pos++;
		if ( ( prog->next >= prog->count ) ||
		     ( prog->calls[prog->next++].op != OP_CLOSE ) )
			abort ();
		return;
	case OP_STRING:
		len = fuzz_parse_string ( prog, text );
		if ( ( len != call->text_len ) ||
		     ( memcmp ( text, call->text, len ) != 0 ) )
			abort ();
		return;
	case OP_HEX:
		len = fuzz_parse_string ( prog, text );
		text[len] = '\0';
		snprintf ( expect, sizeof ( expect ), "0x%llx",
		           ( unsigned long long )call->value );
		break;
	case OP_BDF:
		len = fuzz_parse_string ( prog, text );
		text[len] = '\0';
		snprintf ( expect, sizeof ( expect ), "%04x:%02x:%02x.%x",
		           call->segment,
		           ( unsigned int )( ( call->value >> 8 ) & 0xff ),
		           ( unsigned int )( ( call->value >> 3 ) & 0x1f ),
		           ( unsigned int )( call->value & 7 ) );
		break;
	default:
		fuzz_parse_token ( prog, text );
		if ( call->op == OP_UINT ) {
			snprintf ( expect, sizeof ( expect ), "%llu",
			           ( unsigned long long )call->value );
		} else if ( call->op == OP_INT ) {
			snprintf ( expect, sizeof ( expect ), "%lld",
			           ( long long )( int64_t )call->value );
		} else if ( call->op == OP_BOOL ) {
			snprintf ( expect, sizeof ( expect ), "%s",
			           ( ( call->value & 1 ) ? "true" : "false" ) );
		} else {
			snprintf ( expect, sizeof ( expect ), "null" );
		}
		break;
	}
	if ( strcmp ( text, expect ) != 0 )
		abort ();
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct fuzz_prog prog;
	struct fuzz_input in;
	struct json json;
	size_t buf_size;
	char *buf;
	int rc;

	fuzz_input_init ( &in, data, size );
	buf_size = ( 1 + ( fuzz_take ( &in, 2 ) & 0x3ff ) );
	fuzz_read_prog ( &in, &prog );

	/* To the sink */
	prog.sink_len = 0;
	json_init_sink ( &json, fuzz_sink, &prog );
	fuzz_run_prog ( &prog, &json );
	rc = json_finish ( &json );
	if ( prog.bad_nesting ) {
		if ( rc != -XERANGE )
			abort ();
		return 0;
	}
	if ( ( rc != 0 ) || ( json.len != prog.sink_len ) )
		abort ();

	/* Parse it back, call by call */
	prog.pos = 0;
	prog.next = 0;
	if ( prog.count ) {
		fuzz_parse_value ( &prog );
		if ( ( prog.pos != prog.sink_len ) ||
		     ( prog.next != prog.count ) )
			abort ();
	}

	/* Into a buffer: a NUL-terminated prefix, overflow reported */
	buf = malloc ( buf_size );
	if ( !buf )
		return 0;
	json_init_buffer ( &json, buf, buf_size );
	fuzz_run_prog ( &prog, &json );
	rc = json_finish ( &json );
	if ( prog.sink_len < buf_size ) {
		if ( ( rc != 0 ) || ( strlen ( buf ) != prog.sink_len ) ||
		     ( memcmp ( buf, prog.sink, prog.sink_len ) != 0 ) )
			abort ();
	} else {
		if ( ( rc != -XENOSPC ) || ( strlen ( buf ) >= buf_size ) ||
		     ( memcmp ( buf, prog.sink, strlen ( buf ) ) != 0 ) )
			abort ();
	}
	free ( buf );
	return 0;
}
