/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the multiboot header parser (mbheader.c)
 *
 * The input is a kernel image.  An independent scan finds where the
 * first multiboot1 header (4-byte steps in the first 8 KiB) and the first
 * multiboot2 header (8-byte steps in the first 32 KiB) with a good
 * checksum are; mb_parse_headers() must agree with it: what it reports
 * found and where, and -XENOEXEC exactly when the scan finds neither.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/multiboot.h>
#include "fuzz_input.h"

/** No header found by the scan */
#define FUZZ_NONE ( ( size_t )-1 )

/**
 * Find the first header with a good checksum
 *
 * @v image		Image
 * @v len		Length
 * @v magic		Header magic
 * @v step		Alignment of the search
 * @v window		Bytes searched
 * @v words		32-bit words summed for the checksum (3 or 4)
 * @ret offset		Offset, or FUZZ_NONE
 */
static size_t fuzz_scan ( const uint8_t *image, size_t len, uint32_t magic,
                          size_t step, size_t window, unsigned int words ) {
	size_t end = ( ( len < window ) ? len : window );
	size_t offset;
	unsigned int i;
	uint32_t sum;

	for ( offset = 0; ( offset + ( 4 * words ) ) <= end; offset += step ) {
		if ( fuzz_get_le ( ( image + offset ), 4 ) != magic )
			continue;
		sum = 0;
		for ( i = 0; i < words; i++ )
			sum += fuzz_get_le ( ( image + offset + ( 4 * i ) ),
			                     4 );
		if ( sum == 0 )
			return offset;
	}
	return FUZZ_NONE;
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	struct mb_kernel kernel;
	size_t mb1_at;
	size_t mb2_at;
	int rc;

	mb1_at = fuzz_scan ( data, size, MB1_HEADER_MAGIC, 4, MB1_SEARCH, 3 );
	mb2_at = fuzz_scan ( data, size, MB2_HEADER_MAGIC, 8, MB2_SEARCH, 4 );
	rc = mb_parse_headers ( data, size, &kernel );

	/* Nothing found exactly when the scan finds nothing */
	if ( ( rc == -XENOEXEC ) !=
	     ( ( mb1_at == FUZZ_NONE ) && ( mb2_at == FUZZ_NONE ) ) )
		abort ();
	if ( rc == -XENOEXEC )
		return 0;
	if ( ( rc != 0 ) && ( rc != -XEMBHDR ) && ( rc != -XEMBCHECKSUM ) &&
	     ( rc != -XEMBTAG ) )
		abort ();

	/* Each header reported is the first one the scan saw */
	if ( kernel.has_mb2 && ( kernel.mb2_offset != mb2_at ) )
		abort ();
	if ( kernel.has_mb1 && ( kernel.mb1_offset != mb1_at ) )
		abort ();
	if ( rc != 0 )
		return 0;

	/* Success: both headers the scan found were taken */
	if ( ( kernel.has_mb1 != ( mb1_at != FUZZ_NONE ) ) ||
	     ( kernel.has_mb2 != ( mb2_at != FUZZ_NONE ) ) )
		abort ();
	if ( kernel.has_mb2 ) {
		uint32_t hdr_len = fuzz_get_le ( ( data + mb2_at + 8 ), 4 );

		if ( ( fuzz_get_le ( ( data + mb2_at + 4 ), 4 ) !=
		       MB2_ARCH_I386 ) ||
		     ( hdr_len < 24 ) || ( hdr_len > ( size - mb2_at ) ) )
			abort ();
		if ( kernel.mb2_required & ~kernel.mb2_requested )
			abort ();
	}
	if ( kernel.has_mb1 ) {
		if ( kernel.mb1_flags !=
		     fuzz_get_le ( ( data + mb1_at + 4 ), 4 ) )
			abort ();
		if ( ( kernel.mb1_flags & MB1_FLAG_AOUT_KLUDGE ) &&
		     ( kernel.mb1_entry_addr !=
		       fuzz_get_le ( ( data + mb1_at + 28 ), 4 ) ) )
			abort ();
	}
	return 0;
}
