/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Physical memory allocator over an E820-style memory map
 *
 * The raw map may come in any order, with overlapping and empty entries
 * (real firmware does all three).  memmap_load() cuts the address space at
 * every entry boundary and gives each piece the type of the entries that
 * cover it: any other type wins over RAM, and between two non-RAM types
 * the higher number wins, as Linux decides.  Allocation then looks for
 * room in RAM between the used ranges.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/memmap.h>

/** Highest address we can name as an exclusive end */
#define MEMMAP_TOP UINT64_MAX

/**
 * Initialise an empty memory map
 *
 * @v mm		Memory map
 */
void memmap_init ( struct memmap *mm ) {
	mm->count = 0;
	mm->used_count = 0;
}

/**
 * Get the end of a raw entry, clipped at the top of the address space
 *
 * @v entry		Raw entry
 * @ret end		End address (exclusive)
 */
static uint64_t memmap_entry_end ( const struct memmap_entry *entry ) {
	if ( entry->len > ( MEMMAP_TOP - entry->addr ) )
		return MEMMAP_TOP;
	return ( entry->addr + entry->len );
}

/**
 * Rank a memory type: which one wins where entries overlap
 *
 * @v type		E820 type
 * @ret rank		0 for RAM; higher for types that win
 */
static uint64_t memmap_rank ( uint32_t type ) {
	if ( type == MEMMAP_RAM )
		return 0;
	return ( ( uint64_t )type + 1 );
}

/**
 * Sort addresses and drop repeats
 *
 * @v addrs		Addresses
 * @v count		Number of addresses
 * @ret count		Number of distinct addresses
 */
static unsigned int memmap_sort_unique ( uint64_t *addrs, unsigned int count ) {
	unsigned int distinct = 0;
	unsigned int i;
	unsigned int j;
	uint64_t addr;

	/* Insertion sort: at most 512 values, once */
	for ( i = 1; i < count; i++ ) {
		addr = addrs[i];
		for ( j = i; ( j > 0 ) && ( addrs[j - 1] > addr ); j-- )
			addrs[j] = addrs[j - 1];
		addrs[j] = addr;
	}
	for ( i = 0; i < count; i++ ) {
		if ( ( distinct == 0 ) || ( addrs[distinct - 1] != addrs[i] ) )
			addrs[distinct++] = addrs[i];
	}
	return distinct;
}

/**
 * Find the type that covers a piece of the address space
 *
 * @v raw		Raw entries
 * @v count		Number of raw entries
 * @v start		Start of the piece
 * @v end		End of the piece (no entry boundary lies inside)
 * @v type		Winning type, on success
 * @ret covered		Nonzero if any entry covers the piece
 */
static int memmap_piece_type ( const struct memmap_entry *raw,
                               unsigned int count, uint64_t start, uint64_t end,
                               uint32_t *type ) {
	int covered = 0;
	unsigned int i;

	for ( i = 0; i < count; i++ ) {
		if ( ( raw[i].len == 0 ) || ( raw[i].addr > start ) ||
		     ( memmap_entry_end ( &raw[i] ) < end ) )
			continue;
		if ( ( !covered ) ||
		     ( memmap_rank ( raw[i].type ) > memmap_rank ( *type ) ) )
			*type = raw[i].type;
		covered = 1;
	}
	return covered;
}

/**
 * Load and sanitise a raw memory map
 *
 * @v mm		Memory map (its used ranges are kept)
 * @v raw		Raw entries, in any order, possibly overlapping
 * @v count		Number of raw entries
 * @ret rc		0, or -XETOOMANY if there were more than
 *			MEMMAP_MAX_ENTRIES (the first ones are used)
 */
int memmap_load ( struct memmap *mm, const struct memmap_entry *raw,
                  unsigned int count ) {
	struct memmap_entry *last;
	unsigned int nbounds = 0;
	unsigned int taken;
	unsigned int i;
	uint32_t type = 0;

	/* Collect every boundary */
	taken = ( ( count > MEMMAP_MAX_ENTRIES ) ? MEMMAP_MAX_ENTRIES : count );
	for ( i = 0; i < taken; i++ ) {
		if ( raw[i].len == 0 )
			continue;
		mm->bounds[nbounds++] = raw[i].addr;
		mm->bounds[nbounds++] = memmap_entry_end ( &raw[i] );
	}
	nbounds = memmap_sort_unique ( mm->bounds, nbounds );

	/* Type each piece between two boundaries; merge like neighbours */
	mm->count = 0;
	for ( i = 0; ( i + 1 ) < nbounds; i++ ) {
		if ( !memmap_piece_type ( raw, taken, mm->bounds[i],
		                          mm->bounds[i + 1], &type ) )
			continue;
		last = ( mm->count ? &mm->entries[mm->count - 1] : NULL );
		if ( last && ( last->type == type ) &&
		     ( ( last->addr + last->len ) == mm->bounds[i] ) ) {
			last->len += ( mm->bounds[i + 1] - mm->bounds[i] );
			continue;
		}
		/* Cannot overflow: 2n boundaries make under 2n pieces */
		mm->entries[mm->count].addr = mm->bounds[i];
		mm->entries[mm->count].len =
		        ( mm->bounds[i + 1] - mm->bounds[i] );
		mm->entries[mm->count].type = type;
		mm->count++;
	}

	return ( ( count > MEMMAP_MAX_ENTRIES ) ? -XETOOMANY : 0 );
}

/**
 * Check that a range is RAM in the sanitised map
 *
 * @v mm		Memory map
 * @v start		Start address
 * @v len		Length
 * @ret is_ram		Nonzero if every byte is RAM
 */
int memmap_is_ram ( const struct memmap *mm, uint64_t start, uint64_t len ) {
	const struct memmap_entry *entry;
	unsigned int i;

	/* RAM neighbours are merged, so one entry must hold it all */
	for ( i = 0; i < mm->count; i++ ) {
		entry = &mm->entries[i];
		if ( ( entry->type == MEMMAP_RAM ) &&
		     ( start >= entry->addr ) &&
		     ( ( start - entry->addr ) <= entry->len ) &&
		     ( len <= ( entry->len - ( start - entry->addr ) ) ) )
			return 1;
	}
	return 0;
}

/**
 * Find the first used range that overlaps a range
 *
 * @v mm		Memory map
 * @v start		Start address
 * @v len		Length
 * @ret used		Used range, or NULL if the range is free
 */
const struct memmap_range *memmap_used_at ( const struct memmap *mm,
                                            uint64_t start, uint64_t len ) {
	uint64_t end = ( ( len > ( MEMMAP_TOP - start ) ) ? MEMMAP_TOP
	                                                  : ( start + len ) );
	unsigned int i;

	for ( i = 0; i < mm->used_count; i++ ) {
		if ( ( mm->used[i].start < end ) &&
		     ( mm->used[i].end > start ) )
			return &mm->used[i];
	}
	return NULL;
}

/**
 * Take a range out of the used list
 *
 * @v mm		Memory map
 * @v start		Start address
 * @v end		End address (exclusive)
 * @ret rc		0, or -XENOMEM if a split needs a slot there is not
 */
static int memmap_unmark ( struct memmap *mm, uint64_t start, uint64_t end ) {
	struct memmap_range *range;
	unsigned int i = 0;

	while ( i < mm->used_count ) {
		range = &mm->used[i];
		if ( ( range->end <= start ) || ( range->start >= end ) ) {
			/* No overlap */
			i++;
		} else if ( ( range->start < start ) && ( range->end > end ) ) {
			/* Hole in the middle: split in two */
			if ( mm->used_count >= MEMMAP_MAX_USED )
				return -XENOMEM;
			memmove ( ( range + 1 ), range,
			          ( ( mm->used_count - i ) *
			            sizeof ( *range ) ) );
			mm->used_count++;
			range[0].end = start;
			range[1].start = end;
			i += 2;
		} else if ( range->start < start ) {
			/* Cut the tail */
			range->end = start;
			i++;
		} else if ( range->end > end ) {
			/* Cut the head */
			range->start = end;
			i++;
		} else {
			/* Covered: remove */
			memmove ( range, ( range + 1 ),
			          ( ( mm->used_count - i - 1 ) *
			            sizeof ( *range ) ) );
			mm->used_count--;
		}
	}
	return 0;
}

/**
 * Put a range into the used list (it must not overlap any used range)
 *
 * @v mm		Memory map
 * @v start		Start address
 * @v end		End address (exclusive)
 * @v what		What it is used for
 * @ret rc		0, or -XENOMEM if the list is full
 */
static int memmap_mark ( struct memmap *mm, uint64_t start, uint64_t end,
                         const char *what ) {
	unsigned int i;

	if ( mm->used_count >= MEMMAP_MAX_USED )
		return -XENOMEM;
	for ( i = 0; i < mm->used_count; i++ ) {
		if ( mm->used[i].start > start )
			break;
	}
	memmove ( &mm->used[i + 1], &mm->used[i],
	          ( ( mm->used_count - i ) * sizeof ( mm->used[0] ) ) );
	mm->used[i].start = start;
	mm->used[i].end = end;
	mm->used[i].what = ( what ? what : "(unnamed)" );
	mm->used_count++;
	return 0;
}

/**
 * Mark a range as used, whatever the map says is there
 *
 * @v mm		Memory map
 * @v start		Start address
 * @v len		Length (0 does nothing)
 * @v what		What it is used for (messages)
 * @ret rc		0, or -XENOMEM if the used list is full
 *
 * Parts that were already used are taken over by this reservation.  Ends
 * are clipped at 2^64 - 1, so a range starting there is empty too.
 */
int memmap_reserve ( struct memmap *mm, uint64_t start, uint64_t len,
                     const char *what ) {
	uint64_t end = ( ( len > ( MEMMAP_TOP - start ) ) ? MEMMAP_TOP
	                                                  : ( start + len ) );
	int rc;

	if ( end <= start )
		return 0;
	/* A split and an insertion may each need a slot: check first */
	if ( ( mm->used_count + 2 ) > MEMMAP_MAX_USED )
		return -XENOMEM;
	if ( ( rc = memmap_unmark ( mm, start, end ) ) != 0 )
		return rc;
	return memmap_mark ( mm, start, end, what );
}

/**
 * Round a request's size up to whole pages
 *
 * @v size		Size in bytes
 * @ret size		Rounded size, or 0 if it does not fit in 64 bits
 */
static uint64_t memmap_page_round ( uint64_t size ) {
	if ( size > ( MEMMAP_TOP - ( PAGE_SIZE - 1 ) ) )
		return 0;
	return ( ( size + PAGE_SIZE - 1 ) & ~( ( uint64_t )PAGE_SIZE - 1 ) );
}

/**
 * Find the best place for a request in one free gap
 *
 * @v lo		Start of the gap
 * @v hi		End of the gap (exclusive)
 * @v size		Size (pages)
 * @v align		Alignment (a power of two)
 * @v high		Nonzero for the highest place, else the lowest
 * @v start		Place, on success
 * @ret fits		Nonzero if the request fits in the gap
 */
static int memmap_fit ( uint64_t lo, uint64_t hi, uint64_t size, uint64_t align,
                        int high, uint64_t *start ) {
	uint64_t mask = ( align - 1 );
	uint64_t addr;

	if ( ( hi <= lo ) || ( ( hi - lo ) < size ) )
		return 0;
	if ( high ) {
		addr = ( ( hi - size ) & ~mask );
		if ( addr < lo )
			return 0;
	} else {
		if ( lo > ( MEMMAP_TOP - mask ) )
			return 0;
		addr = ( ( lo + mask ) & ~mask );
		if ( ( addr > hi ) || ( ( hi - addr ) < size ) )
			return 0;
	}
	*start = addr;
	return 1;
}

/**
 * Find room for a request in one RAM entry, between the used ranges
 *
 * @v mm		Memory map
 * @v lo		Start of the usable part of the entry
 * @v hi		End of the usable part (exclusive)
 * @v size		Size (pages)
 * @v align		Alignment
 * @v high		Nonzero for the highest place
 * @v best		Best place so far, updated
 * @ret found		Nonzero if @c best was updated
 */
static int memmap_fit_entry ( const struct memmap *mm, uint64_t lo, uint64_t hi,
                              uint64_t size, uint64_t align, int high,
                              uint64_t *best ) {
	const struct memmap_range *range;
	uint64_t pos = lo;
	uint64_t start;
	int found = 0;
	unsigned int i;

	/* Walk the gaps between used ranges (sorted by start) */
	for ( i = 0; i <= mm->used_count; i++ ) {
		range = ( ( i < mm->used_count ) ? &mm->used[i] : NULL );
		if ( range && ( range->end <= pos ) )
			continue;
		if ( range && ( range->start >= hi ) )
			range = NULL;
		if ( memmap_fit ( pos, ( range ? range->start : hi ), size,
		                  align, high, &start ) ) {
			*best = start;
			found = 1;
			/* The lowest fit is the first one */
			if ( !high )
				return found;
		}
		if ( !range )
			break;
		pos = range->end;
	}
	return found;
}

/**
 * Allocate physical memory
 *
 * @v mm		Memory map
 * @v req		Request (size rounded up to pages; alignment at least a
 *			page; max 0 means no limit)
 * @v phys		Start address, on success
 * @ret rc		0, -XEINVAL for a bad request, -XENOROOM if no RAM
 *			fits, -XEOVERLAP if a fixed request is not free RAM,
 *			-XENOMEM if the used list is full
 */
int memmap_alloc ( struct memmap *mm, const struct mem_request *req,
                   uint64_t *phys ) {
	const struct memmap_entry *entry;
	uint64_t size = memmap_page_round ( req->size );
	uint64_t align =
	        ( ( req->align > PAGE_SIZE ) ? req->align : PAGE_SIZE );
	uint64_t max = ( req->max ? req->max : MEMMAP_TOP );
	uint64_t best = 0;
	uint64_t end;
	uint64_t lo;
	uint64_t hi;
	int found = 0;
	unsigned int i;

	if ( ( !size ) || ( align & ( align - 1 ) ) )
		return -XEINVAL;

	/* A fixed request: that place or nothing */
	if ( req->fixed ) {
		if ( ( req->min & ( PAGE_SIZE - 1 ) ) ||
		     ( size > ( MEMMAP_TOP - req->min ) ) ||
		     ( ( req->min + size ) > max ) )
			return -XEINVAL;
		if ( ( !memmap_is_ram ( mm, req->min, size ) ) ||
		     memmap_used_at ( mm, req->min, size ) )
			return -XEOVERLAP;
		*phys = req->min;
		return memmap_mark ( mm, req->min, ( req->min + size ),
		                     req->what );
	}

	/* Otherwise the lowest or highest fit over all RAM */
	for ( i = 0; i < mm->count; i++ ) {
		entry = &mm->entries[i];
		if ( entry->type != MEMMAP_RAM )
			continue;
		end = ( ( entry->len > ( MEMMAP_TOP - entry->addr ) )
		                ? MEMMAP_TOP
		                : ( entry->addr + entry->len ) );
		lo = ( ( entry->addr > req->min ) ? entry->addr : req->min );
		hi = ( ( end < max ) ? end : max );
		if ( memmap_fit_entry ( mm, lo, hi, size, align, req->high,
		                        &best ) ) {
			found = 1;
			if ( !req->high )
				break;
		}
	}
	if ( !found )
		return -XENOROOM;
	*phys = best;
	return memmap_mark ( mm, best, ( best + size ), req->what );
}

/**
 * Free memory (from memmap_alloc(), or part of a reservation)
 *
 * @v mm		Memory map
 * @v start		Start address
 * @v len		Length as requested (rounded up to pages)
 * @ret rc		0, or -XENOMEM if a split needs a slot there is not
 */
int memmap_free ( struct memmap *mm, uint64_t start, uint64_t len ) {
	uint64_t size = memmap_page_round ( len );
	uint64_t end = ( ( size > ( MEMMAP_TOP - start ) ) ? MEMMAP_TOP
	                                                   : ( start + size ) );

	return memmap_unmark ( mm, start, end );
}
