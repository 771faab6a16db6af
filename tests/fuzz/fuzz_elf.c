/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the ELF loader (elf.c)
 *
 * The input is an executable image.  When elf_parse() accepts it, every
 * promise of its header comment is checked (segments inside the file, in
 * memory between 1 MiB and 4 GiB, no overlap, low/high the true bounds),
 * and the image is loaded with elf_load() into a heap buffer of exactly
 * high - low bytes, so that ASan catches any write outside it.  The
 * loaded bytes are then compared with the file: each segment's file
 * bytes, zeros after them and in every gap.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/elf.h>
#include <xenmb/errors.h>

/** Largest loaded image checked byte by byte */
#define FUZZ_LOAD_MAX ( 256UL * 1024 )

/** Lowest load address elf_parse() accepts */
#define FUZZ_MIN_ADDR 0x100000ULL

/** End of the memory elf_parse() accepts */
#define FUZZ_MAX_ADDR 0x100000000ULL

/**
 * Check one accepted segment against the file and the image bounds
 *
 * @v elf		Parsed image
 * @v seg		Segment
 * @v len		File length
 */
static void fuzz_check_segment ( const struct elf_image *elf,
                                 const struct elf_segment *seg, size_t len ) {

	if ( ( seg->memsz == 0 ) || ( seg->filesz > seg->memsz ) ||
	     ( seg->offset > len ) || ( seg->filesz > ( len - seg->offset ) ) )
		abort ();
	if ( ( seg->paddr < FUZZ_MIN_ADDR ) || ( seg->paddr < elf->low ) ||
	     ( seg->memsz > ( FUZZ_MAX_ADDR - seg->paddr ) ) ||
	     ( ( seg->paddr + seg->memsz ) > elf->high ) )
		abort ();
	if ( ( !elf_contains ( elf, seg->paddr ) ) ||
	     ( !elf_contains ( elf, ( seg->paddr + seg->memsz - 1 ) ) ) )
		abort ();
}

/**
 * Check that no two segments overlap and that low/high are reached
 *
 * @v elf		Parsed image
 */
static void fuzz_check_layout ( const struct elf_image *elf ) {
	int low_seen = 0;
	int high_seen = 0;
	unsigned int i;
	unsigned int j;

	for ( i = 0; i < elf->count; i++ ) {
		const struct elf_segment *a = &elf->segments[i];

		if ( a->paddr == elf->low )
			low_seen = 1;
		if ( ( a->paddr + a->memsz ) == elf->high )
			high_seen = 1;
		for ( j = ( i + 1 ); j < elf->count; j++ ) {
			const struct elf_segment *b = &elf->segments[j];

			if ( ( a->paddr < ( b->paddr + b->memsz ) ) &&
			     ( b->paddr < ( a->paddr + a->memsz ) ) )
				abort ();
		}
	}
	if ( ( !low_seen ) || ( !high_seen ) )
		abort ();
	if ( elf_contains ( elf, ( elf->low - 1 ) ) ||
	     elf_contains ( elf, elf->high ) )
		abort ();
}

/**
 * Load the image and compare every byte with the file
 *
 * @v elf		Parsed image
 * @v image		File contents
 */
static void fuzz_check_load ( const struct elf_image *elf,
                              const uint8_t *image ) {
	size_t size = ( size_t )( elf->high - elf->low );
	uint8_t *mem;
	uint8_t *owner;
	unsigned int i;
	size_t pos;

	mem = malloc ( size );
	owner = calloc ( 1, size );
	if ( ( !mem ) || ( !owner ) )
		goto out;
	memset ( mem, 0xa5, size );
	elf_load ( elf, image, mem );
	for ( i = 0; i < elf->count; i++ ) {
		const struct elf_segment *seg = &elf->segments[i];
		size_t start = ( size_t )( seg->paddr - elf->low );

		if ( memcmp ( ( mem + start ), ( image + seg->offset ),
		              seg->filesz ) != 0 )
			abort ();
		memset ( ( owner + start ), 1, seg->memsz );
		memset ( ( owner + start ), 2, seg->filesz );
	}
	/* Everything that is not file data must be zero */
	for ( pos = 0; pos < size; pos++ ) {
		if ( ( owner[pos] != 2 ) && ( mem[pos] != 0 ) )
			abort ();
	}
out:
	free ( owner );
	free ( mem );
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	struct elf_image elf;
	unsigned int i;
	int rc;

	rc = elf_parse ( data, size, &elf );
	if ( rc != 0 ) {
		if ( ( rc != -XEELFHDR ) && ( rc != -XEELFPHDR ) &&
		     ( rc != -XEELFSEG ) )
			abort ();
		return 0;
	}
	if ( ( ( elf.bits != 32 ) && ( elf.bits != 64 ) ) ||
	     ( elf.count == 0 ) || ( elf.count > ELF_MAX_SEGMENTS ) ||
	     ( elf.low >= elf.high ) )
		abort ();
	for ( i = 0; i < elf.count; i++ )
		fuzz_check_segment ( &elf, &elf.segments[i], size );
	fuzz_check_layout ( &elf );
	if ( ( elf.high - elf.low ) <= FUZZ_LOAD_MAX )
		fuzz_check_load ( &elf, data );
	return 0;
}
