/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz helper: read a structured description out of a fuzzer's input
 *
 * Harnesses that need several values (sizes, flags, strings, then a
 * blob) take them from the front of the input one after the other.  Once
 * the input runs out every read gives zeros, so each input is valid.
 */
#ifndef FUZZ_INPUT_H
#define FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** What is left of an input */
struct fuzz_input {
	/** Next byte */
	const uint8_t *data;
	/** Bytes left */
	size_t size;
};

/**
 * Start reading an input
 *
 * @v in		Reader
 * @v data		Input
 * @v size		Length
 */
static inline void fuzz_input_init ( struct fuzz_input *in, const uint8_t *data,
                                     size_t size ) {
	in->data = data;
	in->size = size;
}

/**
 * Take an unsigned little-endian value of up to 8 bytes
 *
 * @v in		Reader
 * @v bytes		Width in bytes (1 to 8)
 * @ret value		Value (missing bytes read as zero)
 */
static inline uint64_t fuzz_take ( struct fuzz_input *in, unsigned int bytes ) {
	uint64_t value = 0;
	unsigned int i;

	for ( i = 0; i < bytes; i++ ) {
		if ( !in->size )
			break;
		value |= ( ( uint64_t )in->data[0] << ( 8 * i ) );
		in->data++;
		in->size--;
	}
	return value;
}

/**
 * Read a little-endian value from bytes (as fuzz_take does)
 *
 * @v data		Bytes
 * @v bytes		Width in bytes (1 to 8)
 * @ret value		Value
 */
static inline uint64_t fuzz_get_le ( const uint8_t *data, unsigned int bytes ) {
	struct fuzz_input in;

	fuzz_input_init ( &in, data, bytes );
	return fuzz_take ( &in, bytes );
}

/**
 * Take a NUL-terminated string of bounded length
 *
 * @v in		Reader
 * @v buf		Buffer
 * @v max		Size of the buffer (at least 1)
 *
 * The string ends at a NUL byte in the input (consumed), at the end of
 * the input, or when the buffer is full.
 */
static inline void fuzz_take_string ( struct fuzz_input *in, char *buf,
                                      size_t max ) {
	size_t len = 0;

	while ( in->size && ( len + 1 ) < max ) {
		uint8_t byte = in->data[0];

		in->data++;
		in->size--;
		if ( !byte )
			break;
		buf[len++] = ( char )byte;
	}
	buf[len] = '\0';
}

/**
 * Take the rest of the input
 *
 * @v in		Reader
 * @v len		Its length, on return
 * @ret data		The rest
 */
static inline const uint8_t *fuzz_take_rest ( struct fuzz_input *in,
                                              size_t *len ) {
	const uint8_t *data = in->data;

	*len = in->size;
	in->data += in->size;
	in->size = 0;
	return data;
}

#endif /* FUZZ_INPUT_H */
