/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for what UEFI firmware hands xenmb.efi: the memory map
 * (efimap.c) and the LoadOptions command line (efiargs.c)
 *
 * The first byte picks what the rest is:
 *
 *   bit 0 clear	a memory map: bits 1-2 pick the descriptor stride
 *			(40, 48, 56 or 64 bytes) unless bit 7 is set, when
 *			the next byte is the stride, whatever it is; then a
 *			request (flags, u32 size, alignment shift, min and
 *			max: u16 MiB each, or u64 each with flag 0x80) and
 *			the descriptors
 *   bit 0 set		LoadOptions: a u16 buffer size, then UCS-2 text
 *
 * Memory map: efi_memmap_to_e820 must refuse a bad stride, a descriptor
 * that wraps past 2^64 and too small an output, and otherwise give a
 * sorted list whose same-type neighbours never touch, holding exactly
 * the bytes of the descriptors (lengths add up), each descriptor's ends
 * inside an entry of the type it converts to.  efimap_find_free must
 * return an aligned place inside one conventional descriptor, in
 * [min, max), and no conventional descriptor may hold a better one
 * (computed here in 128-bit arithmetic).
 *
 * LoadOptions: the result must be the text up to its first NUL, tabs and
 * line ends made spaces, without its first word and the spaces around
 * it; -XEINVAL with the index of the first character outside printable
 * ASCII, or -XENOSPC when the text does not fit, in the order the
 * characters are met.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/efiargs.h>
#include <xenmb/efimap.h>
#include <xenmb/errors.h>
#include "fuzz_input.h"

/** Most E820 entries asked for */
#define FUZZ_E820_MAX 512

/** Largest LoadOptions buffer */
#define FUZZ_ARGS_MAX 1024

/**
 * Check the E820 conversion of a map
 *
 * @v map		Descriptors
 * @v map_size		Their size
 * @v desc_size		Stride
 * @v max		Output room
 */
static void fuzz_check_e820 ( const uint8_t *map, size_t map_size,
                              size_t desc_size, unsigned int max ) {
	static struct memmap_entry out[FUZZ_E820_MAX];
	unsigned __int128 total = 0, total_out = 0;
	const uint8_t *raw;
	uint64_t start, pages, end, point[2];
	unsigned int count = 0, descs, i, j, k;
	uint32_t type;
	int wraps = 0;
	int rc;

	rc = efi_memmap_to_e820 ( map, map_size, desc_size, out, max, &count );
	if ( ( desc_size < 40 ) || ( desc_size % 8 ) ) {
		if ( rc != -XEINVAL )
			abort ();
		return;
	}
	descs = ( map_size / desc_size );
	for ( i = 0; i < descs; i++ ) {
		raw = ( map + ( i * desc_size ) );
		start = fuzz_get_le ( ( raw + 8 ), 8 );
		pages = fuzz_get_le ( ( raw + 24 ), 8 );
		if ( ( ( unsigned __int128 )start +
		       ( ( unsigned __int128 )pages * EFIMAP_PAGE_SIZE ) ) >=
		     ( ( unsigned __int128 )1 << 64 ) )
			wraps = 1;
		total += ( ( unsigned __int128 )pages * EFIMAP_PAGE_SIZE );
	}
	if ( wraps ) {
		/* Unless the output filled up before that descriptor */
		if ( ( rc != -XERANGE ) &&
		     ( ( rc != -XENOSPC ) || ( max >= descs ) ) )
			abort ();
		return;
	}
	if ( rc == -XENOSPC ) {
		/* One entry per descriptor always fits */
		if ( max >= descs )
			abort ();
		return;
	}
	if ( rc != 0 )
		abort ();

	/* Sorted, merged, and every byte kept */
	for ( i = 0; i < count; i++ ) {
		total_out += out[i].len;
		if ( ( i + 1 ) < count ) {
			if ( out[i].addr > out[i + 1].addr )
				abort ();
			if ( ( out[i].type == out[i + 1].type ) &&
			     ( ( out[i].addr + out[i].len ) ==
			       out[i + 1].addr ) )
				abort ();
		}
	}
	if ( total_out != total )
		abort ();

	/* Both ends of each descriptor lie in an entry of its type */
	for ( i = 0; i < descs; i++ ) {
		raw = ( map + ( i * desc_size ) );
		start = fuzz_get_le ( ( raw + 8 ), 8 );
		pages = fuzz_get_le ( ( raw + 24 ), 8 );
		if ( !pages )
			continue;
		end = ( start + ( pages * EFIMAP_PAGE_SIZE ) );
		type = efimap_e820_type ( fuzz_get_le ( raw, 4 ),
		                          fuzz_get_le ( ( raw + 32 ), 8 ) );
		point[0] = start;
		point[1] = ( end - 1 );
		for ( j = 0; j < 2; j++ ) {
			for ( k = 0; k < count; k++ ) {
				if ( ( out[k].type == type ) &&
				     ( point[j] >= out[k].addr ) &&
				     ( ( point[j] - out[k].addr ) <
				       out[k].len ) )
					break;
			}
			if ( k == count )
				abort ();
		}
	}
}

/**
 * The best place in one conventional descriptor, independently
 *
 * @v start		Descriptor start
 * @v end		Descriptor end (128-bit)
 * @v req		Request
 * @v size		Size (pages)
 * @v align		Alignment
 * @v limit		Exclusive upper limit
 * @v place		Place, on success
 * @ret fits		Nonzero if it fits
 */
static int fuzz_best_in ( uint64_t start, unsigned __int128 end,
                          const struct mem_request *req, uint64_t size,
                          uint64_t align, uint64_t limit, uint64_t *place ) {
	unsigned __int128 lo = ( ( start > req->min ) ? start : req->min );
	unsigned __int128 hi = ( ( end < limit ) ? end : limit );
	unsigned __int128 at;

	if ( ( hi < lo ) || ( ( hi - lo ) < size ) )
		return 0;
	if ( req->high )
		at = ( ( hi - size ) / align ) * align;
	else
		at = ( ( lo + align - 1 ) / align ) * align;
	if ( ( at < lo ) || ( ( at + size ) > hi ) )
		return 0;
	*place = ( uint64_t )at;
	return 1;
}

/**
 * Check efimap_find_free on a map
 *
 * @v map		Descriptors
 * @v map_size		Their size
 * @v desc_size		Stride
 * @v req		Request
 */
static void fuzz_check_free ( const uint8_t *map, size_t map_size,
                              size_t desc_size,
                              const struct mem_request *req ) {
	uint64_t size, align, limit, phys = 0, place;
	unsigned __int128 end;
	const uint8_t *raw;
	unsigned int descs, i;
	int found = 0, inside = 0;
	int rc;

	rc = efimap_find_free ( map, map_size, desc_size, req, &phys );
	if ( ( desc_size < 40 ) || ( desc_size % 8 ) || ( rc == -XERANGE ) )
		return; /* judged by fuzz_check_e820 */
	size = ( ( req->size + EFIMAP_PAGE_SIZE - 1 ) &
	         ~( EFIMAP_PAGE_SIZE - 1 ) );
	if ( !size )
		size = EFIMAP_PAGE_SIZE;
	align = ( ( req->align > EFIMAP_PAGE_SIZE ) ? req->align
	                                            : EFIMAP_PAGE_SIZE );
	if ( align & ( align - 1 ) ) {
		if ( rc != -XEINVAL )
			abort ();
		return;
	}
	limit = ( req->max ? req->max : ADDR_4G );

	descs = ( map_size / desc_size );
	for ( i = 0; i < descs; i++ ) {
		raw = ( map + ( i * desc_size ) );
		if ( fuzz_get_le ( raw, 4 ) != EFIMAP_CONVENTIONAL )
			continue;
		end = ( fuzz_get_le ( ( raw + 8 ), 8 ) +
		        ( ( unsigned __int128 )fuzz_get_le ( ( raw + 24 ), 8 ) *
		          EFIMAP_PAGE_SIZE ) );
		if ( ( rc == 0 ) &&
		     ( phys >= fuzz_get_le ( ( raw + 8 ), 8 ) ) &&
		     ( ( phys + ( unsigned __int128 )size ) <= end ) )
			inside = 1;
		if ( !fuzz_best_in ( fuzz_get_le ( ( raw + 8 ), 8 ), end, req,
		                     size, align, limit, &place ) )
			continue;
		found = 1;
		if ( ( rc == 0 ) &&
		     ( req->high ? ( place > phys ) : ( place < phys ) ) )
			abort ();
	}
	if ( rc != ( found ? 0 : -XENOROOM ) )
		abort ();
	if ( ( rc == 0 ) &&
	     ( !inside || ( phys & ( align - 1 ) ) || ( phys < req->min ) ||
	       ( ( phys + ( unsigned __int128 )size ) > limit ) ) )
		abort ();
}

/**
 * Fuzz the memory map
 *
 * @v sel		First byte
 * @v in		The rest
 */
static void fuzz_memory_map ( unsigned int sel, struct fuzz_input *in ) {
	struct mem_request req;
	const uint8_t *map;
	size_t desc_size, map_size;
	unsigned int flags;

	desc_size = ( ( sel & 0x80 ) ? fuzz_take ( in, 1 )
	                             : ( 40 + ( 8 * ( ( sel >> 1 ) & 3 ) ) ) );
	flags = fuzz_take ( in, 1 );
	memset ( &req, 0, sizeof ( req ) );
	req.size = ( fuzz_take ( in, 4 ) << ( flags & 0x0f ) );
	req.align = ( 1ULL << ( fuzz_take ( in, 1 ) % 64 ) );
	if ( flags & 0x20 )
		req.align += PAGE_SIZE;
	if ( flags & 0x80 ) {
		req.min = fuzz_take ( in, 8 );
		req.max = fuzz_take ( in, 8 );
	} else {
		req.min = ( fuzz_take ( in, 2 ) << 20 );
		req.max = ( fuzz_take ( in, 2 ) << 20 );
	}
	req.high = ( flags & 0x10 );
	req.what = "fuzz";
	map = fuzz_take_rest ( in, &map_size );

	/* Room for every descriptor, or (sometimes) less */
	fuzz_check_e820 (
	        map, map_size, desc_size,
	        ( ( flags & 0x40 ) ? ( flags & 7 ) : FUZZ_E820_MAX ) );
	fuzz_check_free ( map, map_size, desc_size, &req );
}

/**
 * Fuzz LoadOptions
 *
 * @v in		The rest
 */
static void fuzz_load_options ( struct fuzz_input *in ) {
	static char buf[FUZZ_ARGS_MAX], text[FUZZ_ARGS_MAX + 1];
	size_t max = ( 1 + ( fuzz_take ( in, 2 ) % FUZZ_ARGS_MAX ) );
	const uint8_t *options;
	size_t size, chars, bad = ~( size_t )0, i, n = 0;
	const char *rest;
	unsigned int ch;
	int rc, expect = 0;

	options = fuzz_take_rest ( in, &size );
	chars = ( size / 2 );
	rc = efi_cmdline_from_options ( options, size, buf, max, &bad );

	for ( i = 0; i < chars; i++ ) {
		ch = ( options[2 * i] | ( options[2 * i + 1] << 8 ) );
		if ( ch == 0 )
			break;
		if ( ( ch == '\t' ) || ( ch == '\r' ) || ( ch == '\n' ) )
			ch = ' ';
		if ( ( ch < 0x20 ) || ( ch > 0x7e ) ) {
			expect = -XEINVAL;
			break;
		}
		if ( i >= ( max - 1 ) ) {
			expect = -XENOSPC;
			break;
		}
		text[n++] = ( char )ch;
	}
	text[n] = '\0';
	if ( rc != expect )
		abort ();
	if ( rc == -XEINVAL ) {
		if ( bad != i )
			abort ();
		return;
	}
	if ( rc )
		return;
	/* Spaces, the image's name, spaces */
	rest = ( text + strspn ( text, " " ) );
	rest += strcspn ( rest, " " );
	rest += strspn ( rest, " " );
	if ( strcmp ( buf, rest ) != 0 )
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
	struct fuzz_input in;
	unsigned int sel;

	fuzz_input_init ( &in, data, size );
	sel = fuzz_take ( &in, 1 );
	if ( sel & 1 )
		fuzz_load_options ( &in );
	else
		fuzz_memory_map ( sel, &in );
	return 0;
}
