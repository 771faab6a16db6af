/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * A small streaming JSON writer
 *
 * Output goes either into a caller buffer (always NUL terminated, an
 * overflow is remembered and reported by json_finish) or to a sink
 * function that takes each piece as it is made (a console, stdout).
 * Commas and nesting are tracked by the writer: each value call takes
 * the member name it is written under, or NULL inside an array (and for
 * the outermost value).  Addresses and registers are written as hex
 * strings "0x...", PCI addresses as "SSSS:BB:DD.F".
 */
#ifndef XENMB_JSON_H
#define XENMB_JSON_H

#include <stddef.h>
#include <stdint.h>

/** Deepest nesting of objects and arrays */
#define JSON_MAX_DEPTH 16

/**
 * A sink taking output as it is made
 *
 * @v ctx		Sink context
 * @v text		Text (not NUL terminated)
 * @v len		Length
 */
typedef void ( *json_sink_t ) ( void *ctx, const char *text, size_t len );

/** A JSON writer */
struct json {
	/** Output buffer, or NULL when writing to a sink */
	char *buf;
	/** Size of @c buf */
	size_t size;
	/** Bytes written (or that would have been written) so far */
	size_t len;
	/** Sink, or NULL when writing to a buffer */
	json_sink_t sink;
	/** Sink context */
	void *ctx;
	/** 0, or the first error (-XENOSPC, -XERANGE for bad nesting) */
	int rc;
	/** Current nesting depth */
	unsigned int depth;
	/** For each open level: nonzero once it holds a value */
	uint8_t nonempty[JSON_MAX_DEPTH + 1];
	/** Nonzero right after json_key (the value needs no comma) */
	int after_key;
};

/**
 * Start writing into a buffer
 *
 * @v json		Writer
 * @v buf		Buffer
 * @v size		Size of the buffer (at least 1)
 */
void json_init_buffer ( struct json *json, char *buf, size_t size );

/**
 * Start writing to a sink
 *
 * @v json		Writer
 * @v sink		Sink function
 * @v ctx		Sink context
 */
void json_init_sink ( struct json *json, json_sink_t sink, void *ctx );

/**
 * Finish writing
 *
 * @v json		Writer
 * @ret rc		0, -XENOSPC if the buffer was too small, -XERANGE if
 *			objects or arrays were left open or nested too deep
 */
int json_finish ( struct json *json );

/**
 * Write a member name on its own; the next value call must pass NULL
 *
 * @v json		Writer
 * @v key		Member name
 */
void json_key ( struct json *json, const char *key );

/**
 * Open an object
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 */
void json_object_open ( struct json *json, const char *key );

/**
 * Close the innermost object
 *
 * @v json		Writer
 */
void json_object_close ( struct json *json );

/**
 * Open an array
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 */
void json_array_open ( struct json *json, const char *key );

/**
 * Close the innermost array
 *
 * @v json		Writer
 */
void json_array_close ( struct json *json );

/**
 * Write a string (escaped)
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v text		NUL-terminated text, or NULL for null
 */
void json_string ( struct json *json, const char *key, const char *text );

/**
 * Write a string of a given length (escaped; NUL bytes are escaped too)
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v text		Text
 * @v len		Length
 */
void json_string_len ( struct json *json, const char *key, const char *text,
                       size_t len );

/**
 * Write an unsigned number
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v value		Value
 */
void json_uint ( struct json *json, const char *key, uint64_t value );

/**
 * Write a signed number
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v value		Value
 */
void json_int ( struct json *json, const char *key, int64_t value );

/**
 * Write a boolean
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v value		Zero for false, anything else for true
 */
void json_bool ( struct json *json, const char *key, int value );

/**
 * Write null
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 */
void json_null ( struct json *json, const char *key );

/**
 * Write a number as a hex string "0x..." (lower case, no leading zeros)
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v value		Value
 */
void json_hex ( struct json *json, const char *key, uint64_t value );

/**
 * Write a PCI address "SSSS:BB:DD.F"
 *
 * @v json		Writer
 * @v key		Member name, or NULL
 * @v segment		PCI segment
 * @v bdf		Bus << 8 | device << 3 | function
 */
void json_bdf ( struct json *json, const char *key, unsigned int segment,
                unsigned int bdf );

/**
 * Format a PCI address "SSSS:BB:DD.F"
 *
 * @v buf		Buffer of at least 13 bytes
 * @v segment		PCI segment
 * @v bdf		Bus << 8 | device << 3 | function
 * @ret buf		@c buf
 */
char *json_format_bdf ( char *buf, unsigned int segment, unsigned int bdf );

#endif /* XENMB_JSON_H */
