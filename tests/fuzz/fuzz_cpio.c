/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the initrd-area walker (cpio.c)
 *
 * The input is the initrd area, walked from a buffer of exactly its
 * length.  Every file recorded must lie inside the area, and regions must
 * follow each other in order.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/cpio.h>

/** Pretend physical address of the area */
#define FUZZ_PHYS 0x100000ULL

/** Most files recorded per input */
#define FUZZ_FILES 16

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct xfile files[FUZZ_FILES];
	uint64_t end = ( FUZZ_PHYS + size );
	uint64_t prev_end = FUZZ_PHYS;
	unsigned int count;
	unsigned int i;
	uint8_t *area;

	area = malloc ( size ? size : 1 );
	if ( !area )
		return 0;
	memcpy ( area, data, size );

	cpio_walk ( area, FUZZ_PHYS, size, files, FUZZ_FILES, &count );
	if ( count > FUZZ_FILES )
		abort ();
	for ( i = 0; i < count; i++ ) {
		const struct xfile *file = &files[i];

		if ( ( file->phys < FUZZ_PHYS ) ||
		     ( file->len > ( end - file->phys ) ) ||
		     ( file->data != ( area + ( file->phys - FUZZ_PHYS ) ) ) )
			abort ();
		if ( ( file->region < prev_end ) ||
		     ( file->region > file->phys ) ||
		     ( file->region_len > ( end - file->region ) ) ||
		     ( ( file->phys + file->len ) >
		       ( file->region + file->region_len ) ) )
			abort ();
		if ( ( file->index != i ) ||
		     ( memchr ( file->name, '\0', sizeof ( file->name ) ) ==
		       NULL ) )
			abort ();
		prev_end = ( file->region + file->region_len );
	}

	free ( area );
	return 0;
}
