/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Physical memory allocator over an E820-style memory map
 *
 * Platform-neutral: the BIOS carrier feeds it the E820 map it read in
 * real mode, the tests feed it made-up maps.  The map is sanitised once
 * (sorted, overlaps resolved, neighbours of one type merged); then
 * allocations and reservations are kept as a sorted list of disjoint used
 * ranges.  Everything lives in one struct memmap with fixed-size arrays:
 * no globals, no heap.
 */
#ifndef XENMB_MEMMAP_H
#define XENMB_MEMMAP_H

#include <stddef.h>
#include <stdint.h>
#include <xenmb/platform.h>

/** Most raw map entries taken in */
#define MEMMAP_MAX_ENTRIES 256

/** Most entries of the sanitised map (overlaps can split entries) */
#define MEMMAP_MAX_SANE ( 2 * MEMMAP_MAX_ENTRIES )

/** Most used ranges (allocations and reservations) */
#define MEMMAP_MAX_USED 128

/** A used range of physical memory */
struct memmap_range {
	/** Start address */
	uint64_t start;
	/** End address (exclusive) */
	uint64_t end;
	/** What it is used for (messages only; never NULL) */
	const char *what;
};

/** A memory map and what is used in it */
struct memmap {
	/** Sanitised map: sorted, disjoint, neighbours of one type merged */
	struct memmap_entry entries[MEMMAP_MAX_SANE];
	/** Number of entries */
	unsigned int count;
	/** Used ranges, sorted by start, disjoint */
	struct memmap_range used[MEMMAP_MAX_USED];
	/** Number of used ranges */
	unsigned int used_count;
	/** Scratch space for sanitising: every start and end address */
	uint64_t bounds[2 * MEMMAP_MAX_ENTRIES];
};

void memmap_init ( struct memmap *mm );
int memmap_load ( struct memmap *mm, const struct memmap_entry *raw,
                  unsigned int count );
int memmap_reserve ( struct memmap *mm, uint64_t start, uint64_t len,
                     const char *what );
int memmap_alloc ( struct memmap *mm, const struct mem_request *req,
                   uint64_t *phys );
int memmap_free ( struct memmap *mm, uint64_t start, uint64_t len );
const struct memmap_range *memmap_used_at ( const struct memmap *mm,
                                            uint64_t start, uint64_t len );
int memmap_is_ram ( const struct memmap *mm, uint64_t start, uint64_t len );

#endif /* XENMB_MEMMAP_H */
