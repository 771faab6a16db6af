/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Test helper: the one fake platform of the unit tests, fuzz_load and the
 * load-path benchmark (see helper_platform.h)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <xenmb/errors.h>
#include "helper_platform.h"

/** Fake firmware handles for the EFI tags */
#define HELPER_EFI_SYSTEM_TABLE 0x7e000000ULL
#define HELPER_EFI_IMAGE_HANDLE 0x7e001000ULL

/**
 * Map the pool at its fixed address
 *
 * @v base		Physical (and virtual) address
 * @v size		Size
 * @ret pool		The pool, or NULL if the address is taken
 */
void *helper_pool_map ( uint64_t base, uint64_t size ) {
	void *pool;

	pool = mmap (
	        ( void * )( uintptr_t )base, size, ( PROT_READ | PROT_WRITE ),
	        ( MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE ), -1, 0 );
	return ( ( pool == ( void * )( uintptr_t )base ) ? pool : NULL );
}

/**
 * Stop on a misuse of the platform
 *
 * @v hp		Fake platform
 * @v what		What was wrong
 */
static void helper_plat_misuse ( struct helper_plat *hp, const char *what ) {
	if ( hp->misuse )
		hp->misuse ( what );
	fprintf ( stderr, "fake platform: %s\n", what );
	abort ();
}

/**
 * Record that a range changed owner
 *
 * @v hp		Fake platform
 * @v start		Start
 * @v size		Size
 * @v owner		New owner
 */
static void helper_plat_mark ( struct helper_plat *hp, uint64_t start,
                               uint64_t size, enum helper_owner owner ) {
	if ( hp->mark )
		hp->mark ( hp, start, size, owner );
}

/**
 * Start tracking a range
 *
 * @v hp		Fake platform
 * @v start		Start
 * @v size		Size
 * @v owner		HELPER_FILE or HELPER_ALLOC
 */
static void helper_plat_use ( struct helper_plat *hp, uint64_t start,
                              uint64_t size, enum helper_owner owner ) {
	struct helper_range *range;

	if ( hp->used_count >= HELPER_PLAT_MAX_USED )
		helper_plat_misuse ( hp, "too many ranges in use" );
	range = &hp->used[hp->used_count++];
	range->start = start;
	range->size = size;
	range->owner = owner;
	helper_plat_mark ( hp, start, size, owner );
}

/**
 * Find a tracked range overlapping a candidate
 *
 * @v hp		Fake platform
 * @v start		Candidate start
 * @v size		Candidate size
 * @v lowest		Nonzero: the overlapping range that starts lowest;
 *			zero: the one that ends highest
 * @ret range		Range, or NULL if the candidate is free
 */
static const struct helper_range *
helper_plat_overlap ( const struct helper_plat *hp, uint64_t start,
                      uint64_t size, int lowest ) {
	const struct helper_range *found = NULL;
	const struct helper_range *range;
	unsigned int i;

	for ( i = 0; i < hp->used_count; i++ ) {
		range = &hp->used[i];
		if ( ( start >= range->start + range->size ) ||
		     ( range->start >= start + size ) )
			continue;
		if ( ( !found ) || ( lowest ? ( range->start < found->start )
		                            : ( range->start + range->size >
		                                found->start + found->size ) ) )
			found = range;
	}
	return found;
}

/**
 * Search the pool for a free aligned place (highest or lowest fit)
 *
 * @v hp		Fake platform
 * @v req		Request
 * @v size		Size (a page multiple)
 * @ret phys		Start, or 0 if nothing fits
 */
static uint64_t helper_plat_search ( const struct helper_plat *hp,
                                     const struct mem_request *req,
                                     uint64_t size ) {
	uint64_t lo =
	        ( ( req->min > hp->pool_base ) ? req->min : hp->pool_base );
	uint64_t hi = ( hp->pool_base + hp->pool_size );
	uint64_t mask = ( req->align - 1 );
	const struct helper_range *range;
	uint64_t addr;

	if ( req->max < hi )
		hi = req->max;
	if ( ( hi < lo ) || ( ( hi - lo ) < size ) )
		return 0;
	if ( req->high ) {
		addr = ( ( hi - size ) & ~mask );
		while ( addr >= lo ) {
			if ( !( range = helper_plat_overlap ( hp, addr, size,
			                                      1 ) ) )
				return addr;
			/* The next candidate must end below the range */
			if ( range->start < ( lo + size ) )
				break;
			addr = ( ( range->start - size ) & ~mask );
		}
	} else {
		addr = ( ( lo + mask ) & ~mask );
		while ( ( addr >= lo ) && ( addr <= ( hi - size ) ) ) {
			if ( !( range = helper_plat_overlap ( hp, addr, size,
			                                      0 ) ) )
				return addr;
			/* Skip past the range in the way */
			addr = ( ( range->start + range->size + mask ) &
			         ~mask );
		}
	}
	return 0;
}

/**
 * Allocate from the pool (a plat->alloc)
 *
 * @v plat		Platform
 * @v req		Request
 * @v phys		Start, on success
 * @ret rc		0 or -XENOROOM
 */
static int helper_plat_alloc ( struct platform *plat,
                               const struct mem_request *req, uint64_t *phys ) {
	struct helper_plat *hp = ( struct helper_plat * )plat;
	uint64_t size = ( ( req->size + PAGE_SIZE - 1 ) & ~( PAGE_SIZE - 1 ) );
	uint64_t end = ( hp->pool_base + hp->pool_size );
	uint64_t addr;

	/* The loader must ask for something sensible */
	if ( ( req->align < PAGE_SIZE ) ||
	     ( req->align & ( req->align - 1 ) ) || ( req->size == 0 ) ||
	     ( !req->what ) )
		helper_plat_misuse ( hp, "a request no carrier accepts" );
	if ( size > hp->pool_size )
		return -XENOROOM;
	if ( req->fixed ) {
		addr = req->min;
		if ( ( addr & ( PAGE_SIZE - 1 ) ) || ( addr < hp->pool_base ) ||
		     ( addr > ( end - size ) ) ||
		     ( ( addr + size ) > req->max ) ||
		     helper_plat_overlap ( hp, addr, size, 1 ) )
			return -XENOROOM;
	} else if ( !( addr = helper_plat_search ( hp, req, size ) ) ) {
		return -XENOROOM;
	}
	helper_plat_use ( hp, addr, size, HELPER_ALLOC );
	*phys = addr;
	return 0;
}

/**
 * Free to the pool (a plat->free): an allocation, or a file region the
 * loader may give back
 *
 * @v plat		Platform
 * @v phys		Start
 * @v size		Size as requested
 */
static void helper_plat_free ( struct platform *plat, uint64_t phys,
                               uint64_t size ) {
	struct helper_plat *hp = ( struct helper_plat * )plat;
	uint64_t pages = ( ( size + PAGE_SIZE - 1 ) & ~( PAGE_SIZE - 1 ) );
	struct helper_range *range;
	unsigned int i;
	unsigned int j;

	for ( i = 0; i < hp->used_count; i++ ) {
		range = &hp->used[i];
		if ( range->start != phys )
			continue;
		if ( range->size != pages )
			helper_plat_misuse ( hp, "a free of the wrong size" );
		if ( range->owner == HELPER_FILE ) {
			for ( j = 0; j < hp->file_count; j++ ) {
				if ( hp->files[j].region == phys )
					break;
			}
			if ( ( j == hp->file_count ) ||
			     ( !hp->files[j].region_free ) )
				helper_plat_misuse ( hp, "a free of a file's "
				                         "place not given" );
		}
		helper_plat_mark ( hp, phys, pages, HELPER_FREE );
		*range = hp->used[--hp->used_count];
		return;
	}
	helper_plat_misuse ( hp, "a free of memory never allocated" );
}

/**
 * Find a file by name, case-insensitive (a plat->file_find)
 *
 * @v plat		Platform
 * @v name		Name
 * @ret file		File, or NULL
 */
struct xfile *helper_plat_file_find ( struct platform *plat,
                                      const char *name ) {
	struct helper_plat *hp = ( struct helper_plat * )plat;
	unsigned int i;

	for ( i = 0; i < hp->file_count; i++ ) {
		if ( strcasecmp ( hp->files[i].name, name ) == 0 )
			return &hp->files[i];
	}
	return NULL;
}

/**
 * Name a file (a plat->file_name)
 *
 * @v plat		Platform
 * @v index		Index
 * @ret name		Name, or NULL past the end
 */
static const char *helper_plat_file_name ( struct platform *plat,
                                           unsigned int index ) {
	struct helper_plat *hp = ( struct helper_plat * )plat;

	return ( ( index < hp->file_count ) ? hp->files[index].name : NULL );
}

/**
 * Give the memory map (a plat->memmap)
 *
 * @v plat		Platform
 * @v count		Number of entries, on return
 * @ret map		Entries
 */
static const struct memmap_entry *helper_plat_memmap ( struct platform *plat,
                                                       unsigned int *count ) {
	struct helper_plat *hp = ( struct helper_plat * )plat;

	*count = HELPER_PLAT_MAP;
	return hp->map;
}

/**
 * Forget every file and range (marking them free); files start afresh
 *
 * @v hp		Fake platform
 * @v files_base	Where the first file goes
 */
void helper_plat_reset ( struct helper_plat *hp, uint64_t files_base ) {
	helper_plat_clear ( hp );
	hp->used_count = 0;
	hp->file_count = 0;
	hp->file_next = files_base;
}

/**
 * Set up the fake platform
 *
 * @v hp		Fake platform (mark and misuse are kept)
 * @v name		"bios" or "efi" (UEFI keeps boot services)
 * @v pool_base		Start of the pool (mapped by helper_pool_map)
 * @v pool_size		Its size
 * @v files_base	Where the first file goes
 */
void helper_plat_init ( struct helper_plat *hp, const char *name,
                        uint64_t pool_base, uint64_t pool_size,
                        uint64_t files_base ) {
	void ( *mark ) ( struct helper_plat * hp, uint64_t start, uint64_t size,
	                 enum helper_owner owner ) = hp->mark;
	void ( *misuse ) ( const char *what ) = hp->misuse;

	memset ( hp, 0, sizeof ( *hp ) );
	hp->mark = mark;
	hp->misuse = misuse;
	hp->plat.name = name;
	hp->plat.keeps_boot_services = ( strcmp ( name, "efi" ) == 0 );
	hp->plat.file_find = helper_plat_file_find;
	hp->plat.file_name = helper_plat_file_name;
	hp->plat.alloc = helper_plat_alloc;
	hp->plat.free = helper_plat_free;
	hp->plat.memmap = helper_plat_memmap;
	hp->plat.efi_system_table = HELPER_EFI_SYSTEM_TABLE;
	hp->plat.efi_image_handle = HELPER_EFI_IMAGE_HANDLE;
	hp->pool_base = pool_base;
	hp->pool_size = pool_size;
	hp->file_next = files_base;
	hp->map[0] = ( struct memmap_entry ){ 0, 0x9fc00, MEMMAP_RAM };
	hp->map[1] = ( struct memmap_entry ){ 0x9fc00, 0x400, MEMMAP_RESERVED };
	hp->map[2] =
	        ( struct memmap_entry ){ pool_base, pool_size, MEMMAP_RAM };
	hp->map[3] =
	        ( struct memmap_entry ){ 0xfffc0000, 0x40000, MEMMAP_RESERVED };
}

/**
 * Add a file the way iPXE lays out its initrd area
 *
 * @v hp		Fake platform
 * @v name		Name
 * @v data		Contents
 * @v len		Length
 * @v header		Bytes of cpio header before the data (0: raw)
 * @ret file		The file (its place is page aligned and a page
 *			multiple; what does not fit in the pool is cut off),
 *			or NULL if no room is left
 *
 * The file's region may not be given back (region_free is 0) unless the
 * caller says so.
 */
struct xfile *helper_plat_add_file ( struct helper_plat *hp, const char *name,
                                     const void *data, size_t len,
                                     size_t header ) {
	struct xfile *file;
	uint64_t region = hp->file_next;
	uint64_t end = ( hp->pool_base + hp->pool_size );
	uint64_t room =
	        ( ( header + len + PAGE_SIZE - 1 ) & ~( PAGE_SIZE - 1 ) );

	if ( hp->file_count >= HELPER_PLAT_MAX_FILES )
		helper_plat_misuse ( hp, "too many files" );
	if ( room > ( end - region ) ) {
		room = ( end - region );
		header = 0;
		len = room;
	}
	if ( room == 0 )
		return NULL;
	helper_plat_use ( hp, region, room, HELPER_FILE );
	file = &hp->files[hp->file_count];
	memset ( phys_to_virt ( region ), 0x5a, header );
	memset ( file, 0, sizeof ( *file ) );
	snprintf ( file->name, sizeof ( file->name ), "%s", name );
	file->phys = ( region + header );
	file->data = phys_to_virt ( file->phys );
	memcpy ( file->data, data, len );
	file->len = len;
	file->region = region;
	file->region_len = room;
	file->index = hp->file_count;
	hp->orig[hp->file_count] = data;
	hp->orig_len[hp->file_count] = len;
	hp->file_count++;
	hp->file_next += room;
	return file;
}

/**
 * Count the live allocations (files not counted)
 *
 * @v hp		Fake platform
 * @ret count		Allocations not freed
 */
unsigned int helper_plat_allocs ( const struct helper_plat *hp ) {
	unsigned int count = 0;
	unsigned int i;

	for ( i = 0; i < hp->used_count; i++ ) {
		if ( hp->used[i].owner == HELPER_ALLOC )
			count++;
	}
	return count;
}

/**
 * Tell whether a range lies inside one live allocation
 *
 * @v hp		Fake platform
 * @v start		Start
 * @v len		Length
 * @ret inside		Nonzero if it does
 */
int helper_plat_allocated ( const struct helper_plat *hp, uint64_t start,
                            uint64_t len ) {
	const struct helper_range *range;
	unsigned int i;

	for ( i = 0; i < hp->used_count; i++ ) {
		range = &hp->used[i];
		if ( ( range->owner == HELPER_ALLOC ) &&
		     ( start >= range->start ) && ( len <= range->size ) &&
		     ( ( start - range->start ) <= ( range->size - len ) ) )
			return 1;
	}
	return 0;
}

/**
 * Mark every tracked range free (for the fuzzer's poisoning), keeping
 * the records
 *
 * @v hp		Fake platform
 */
void helper_plat_clear ( struct helper_plat *hp ) {
	unsigned int i;

	for ( i = 0; i < hp->used_count; i++ )
		helper_plat_mark ( hp, hp->used[i].start, hp->used[i].size,
		                   HELPER_FREE );
}
