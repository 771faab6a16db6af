/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI memory maps: decode descriptors, convert to E820, find free room
 *
 * Pure functions over the array GetMemoryMap() returns, so that they run
 * in the host unit tests as well as in the UEFI carrier.  Fields are read
 * with memcpy() at their offsets, because the stride may be anything the
 * firmware likes (OVMF uses 48 bytes) and the buffer need not be aligned.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/efimap.h>

/** Offset of Type in EFI_MEMORY_DESCRIPTOR */
#define EFIMAP_OFF_TYPE 0
/** Offset of PhysicalStart */
#define EFIMAP_OFF_START 8
/** Offset of NumberOfPages */
#define EFIMAP_OFF_PAGES 24
/** Offset of Attribute */
#define EFIMAP_OFF_ATTR 32

/** Largest page count whose byte length fits in 64 bits */
#define EFIMAP_MAX_PAGES ( UINT64_MAX / EFIMAP_PAGE_SIZE )

/** Most descriptors a map may have (firmware maps hold a few hundred) */
#define EFIMAP_MAX_DESCS 65536

/**
 * Check a descriptor stride
 *
 * @v desc_size		Descriptor stride (DescriptorSize)
 * @ret rc		0, or -XEINVAL if it cannot hold a descriptor or
 *			breaks its 8-byte alignment
 */
static int efimap_check_stride ( size_t desc_size ) {
	if ( ( desc_size < EFIMAP_DESC_MIN ) || ( desc_size % 8 ) )
		return -XEINVAL;
	return 0;
}

/**
 * Count the descriptors of a memory map
 *
 * @v map_size		Size of the map in bytes
 * @v desc_size		Descriptor stride
 * @v count		Number of whole descriptors, on success
 * @ret rc		0, -XEINVAL (bad stride), -XERANGE (absurdly many)
 */
static int efimap_count ( size_t map_size, size_t desc_size,
                          unsigned int *count ) {
	int rc;

	if ( ( rc = efimap_check_stride ( desc_size ) ) != 0 )
		return rc;
	if ( ( map_size / desc_size ) > EFIMAP_MAX_DESCS )
		return -XERANGE;
	*count = ( map_size / desc_size );
	return 0;
}

/**
 * Decode descriptor @c index of a memory map
 *
 * @v map		Memory map as GetMemoryMap() returned it
 * @v map_size		Its size in bytes
 * @v desc_size		Descriptor stride (DescriptorSize)
 * @v index		Descriptor index
 * @v desc		Decoded descriptor, on success
 * @ret rc		0, -XERANGE past the end or for a range that wraps
 *			around, -XEINVAL for an impossible stride
 */
int efimap_desc ( const void *map, size_t map_size, size_t desc_size,
                  unsigned int index, struct efimap_desc *desc ) {
	const uint8_t *raw;
	int rc;

	if ( ( rc = efimap_check_stride ( desc_size ) ) != 0 )
		return rc;
	if ( index >= ( map_size / desc_size ) )
		return -XERANGE;
	raw = ( ( const uint8_t * )map ) + ( ( size_t )index * desc_size );

	memcpy ( &desc->type, raw + EFIMAP_OFF_TYPE, sizeof ( desc->type ) );
	memcpy ( &desc->start, raw + EFIMAP_OFF_START, sizeof ( desc->start ) );
	memcpy ( &desc->pages, raw + EFIMAP_OFF_PAGES, sizeof ( desc->pages ) );
	memcpy ( &desc->attr, raw + EFIMAP_OFF_ATTR, sizeof ( desc->attr ) );

	/* The range must not run past the top of the address space */
	if ( desc->pages > EFIMAP_MAX_PAGES )
		return -XERANGE;
	if ( ( desc->start + ( desc->pages * EFIMAP_PAGE_SIZE ) ) <
	     desc->start )
		return -XERANGE;
	return 0;
}

/**
 * Give the E820 type that a UEFI memory type becomes
 *
 * @v type		UEFI memory type
 * @v attr		Attributes
 * @ret e820		E820 type (MEMMAP_xx or EFIMAP_E820_PMEM)
 */
uint32_t efimap_e820_type ( uint32_t type, uint64_t attr ) {

	switch ( type ) {
	case EFIMAP_LOADER_CODE:
	case EFIMAP_LOADER_DATA:
	case EFIMAP_BOOT_CODE:
	case EFIMAP_BOOT_DATA:
	case EFIMAP_CONVENTIONAL:
		/* Usable once boot services end, if cacheable */
		return ( attr & EFIMAP_ATTR_WB ) ? MEMMAP_RAM : MEMMAP_RESERVED;
	case EFIMAP_UNUSABLE:
		return MEMMAP_UNUSABLE;
	case EFIMAP_ACPI_RECLAIM:
		return MEMMAP_ACPI;
	case EFIMAP_ACPI_NVS:
		return MEMMAP_NVS;
	case EFIMAP_PERSISTENT:
		return EFIMAP_E820_PMEM;
	default:
		/* Runtime services, MMIO, PAL code, unaccepted, unknown */
		return MEMMAP_RESERVED;
	}
}

/**
 * Insert an entry into a sorted, merged E820 list
 *
 * @v out		Entries (sorted by address, neighbours merged)
 * @v count		Number of entries, updated
 * @v max		Size of @c out
 * @v entry		Entry to insert (length not zero)
 * @ret rc		0, or -XENOSPC
 */
static int efimap_insert ( struct memmap_entry *out, unsigned int *count,
                           unsigned int max,
                           const struct memmap_entry *entry ) {
	unsigned int pos = *count;
	struct memmap_entry *prev;
	struct memmap_entry *next;
	int join_prev;
	int join_next;

	/* Find the first entry that starts above the new one */
	while ( ( pos > 0 ) && ( out[pos - 1].addr > entry->addr ) )
		pos--;
	prev = ( pos > 0 ) ? &out[pos - 1] : NULL;
	next = ( pos < *count ) ? &out[pos] : NULL;

	/* Neighbours of the same type that touch are joined */
	join_prev = ( prev && ( prev->type == entry->type ) &&
	              ( ( prev->addr + prev->len ) == entry->addr ) );
	join_next = ( next && ( next->type == entry->type ) &&
	              ( ( entry->addr + entry->len ) == next->addr ) );

	if ( join_prev && join_next ) {
		prev->len += ( entry->len + next->len );
		memmove ( next, next + 1,
		          ( *count - pos - 1 ) * sizeof ( *next ) );
		( *count )--;
	} else if ( join_prev ) {
		prev->len += entry->len;
	} else if ( join_next ) {
		next->addr = entry->addr;
		next->len += entry->len;
	} else {
		if ( *count >= max )
			return -XENOSPC;
		memmove ( &out[pos + 1], &out[pos],
		          ( *count - pos ) * sizeof ( out[0] ) );
		out[pos] = *entry;
		( *count )++;
	}
	return 0;
}

/**
 * Convert a UEFI memory map to E820 entries, sorted and merged
 *
 * @v map		Memory map as GetMemoryMap() returned it
 * @v map_size		Its size in bytes
 * @v desc_size		Descriptor stride (DescriptorSize)
 * @v out		Entries to fill
 * @v max		Size of @c out (one per descriptor is always enough)
 * @v count		Number of entries filled, on success
 * @ret rc		0, -XEINVAL (bad stride), -XERANGE (bad descriptor),
 *			-XENOSPC (more entries than @c max)
 */
int efi_memmap_to_e820 ( const void *map, size_t map_size, size_t desc_size,
                         struct memmap_entry *out, unsigned int max,
                         unsigned int *count ) {
	struct efimap_desc desc;
	struct memmap_entry entry;
	unsigned int descs;
	unsigned int i;
	int rc;

	*count = 0;
	if ( ( rc = efimap_count ( map_size, desc_size, &descs ) ) != 0 )
		return rc;

	for ( i = 0; i < descs; i++ ) {
		if ( ( rc = efimap_desc ( map, map_size, desc_size, i,
		                          &desc ) ) != 0 )
			return rc;
		if ( desc.pages == 0 )
			continue;
		entry.addr = desc.start;
		entry.len = ( desc.pages * EFIMAP_PAGE_SIZE );
		entry.type = efimap_e820_type ( desc.type, desc.attr );
		if ( ( rc = efimap_insert ( out, count, max, &entry ) ) != 0 )
			return rc;
	}
	return 0;
}

/**
 * Find where a request fits inside one free range
 *
 * @v lo		Lowest start allowed
 * @v hi		Highest end allowed
 * @v size		Size (whole pages)
 * @v align		Alignment (a power of two)
 * @v high		Nonzero to take the highest start, else the lowest
 * @v phys		Start found, on success
 * @ret found		Nonzero if the request fits
 */
static int efimap_fit ( uint64_t lo, uint64_t hi, uint64_t size, uint64_t align,
                        int high, uint64_t *phys ) {
	uint64_t start;

	if ( ( hi <= lo ) || ( ( hi - lo ) < size ) )
		return 0;
	if ( high ) {
		start = ( ( hi - size ) & ~( align - 1 ) );
		if ( start < lo )
			return 0;
	} else {
		start = ( ( lo + align - 1 ) & ~( align - 1 ) );
		if ( ( start < lo ) || ( start > ( hi - size ) ) )
			return 0;
	}
	*phys = start;
	return 1;
}

/**
 * Find room in the free (conventional) memory of a UEFI memory map
 *
 * @v map		Memory map as GetMemoryMap() returned it
 * @v map_size		Its size in bytes
 * @v desc_size		Descriptor stride (DescriptorSize)
 * @v req		What is wanted (size, align, min, max, high)
 * @v phys		Start address found, on success
 * @ret rc		0, -XENOROOM, or -XEINVAL / -XERANGE for a bad map
 */
int efimap_find_free ( const void *map, size_t map_size, size_t desc_size,
                       const struct mem_request *req, uint64_t *phys ) {
	struct efimap_desc desc;
	uint64_t size;
	uint64_t align;
	uint64_t limit;
	uint64_t lo;
	uint64_t hi;
	uint64_t start;
	uint64_t best = 0;
	int found = 0;
	unsigned int descs;
	unsigned int i;
	int rc;

	/* Whole pages, page alignment at least, a power of two */
	if ( req->size > ( UINT64_MAX - EFIMAP_PAGE_SIZE ) )
		return -XENOROOM;
	size = ( ( req->size + EFIMAP_PAGE_SIZE - 1 ) &
	         ~( EFIMAP_PAGE_SIZE - 1 ) );
	if ( size == 0 )
		size = EFIMAP_PAGE_SIZE;
	align = ( req->align > EFIMAP_PAGE_SIZE ) ? req->align
	                                          : EFIMAP_PAGE_SIZE;
	if ( align & ( align - 1 ) )
		return -XEINVAL;
	limit = req->max ? req->max : ADDR_4G;

	if ( ( rc = efimap_count ( map_size, desc_size, &descs ) ) != 0 )
		return rc;
	for ( i = 0; i < descs; i++ ) {
		if ( ( rc = efimap_desc ( map, map_size, desc_size, i,
		                          &desc ) ) != 0 )
			return rc;
		if ( desc.type != EFIMAP_CONVENTIONAL )
			continue;

		/* Clip the free range to [min, limit) */
		lo = desc.start;
		hi = ( desc.start + ( desc.pages * EFIMAP_PAGE_SIZE ) );
		if ( lo < req->min )
			lo = req->min;
		if ( hi > limit )
			hi = limit;
		if ( !efimap_fit ( lo, hi, size, align, req->high, &start ) )
			continue;

		/* Keep the best: highest or lowest */
		if ( ( !found ) ||
		     ( req->high ? ( start > best ) : ( start < best ) ) ) {
			best = start;
			found = 1;
		}
	}
	if ( !found )
		return -XENOROOM;
	*phys = best;
	return 0;
}
