/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI carrier: page allocation for the core, and the memory map
 *
 * Every allocation is EfiLoaderData, so that Xen (which reads the memory
 * map itself while boot services still run) sees it as taken.  Each one
 * is recorded in the carrier, so that whatever the core has not handed to
 * the kernel is given back before we return to iPXE.  Nothing is placed
 * below 1 MiB unless the request's minimum says so: Xen's trampoline
 * needs that memory.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <efi.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/efimap.h>
#include "efi_carrier.h"

/** Attempts at AllocateAddress after a memory-map search */
#define EFI_ALLOC_RETRIES 3

/**
 * Record a page allocation
 *
 * @v carrier		Carrier
 * @v phys		Start
 * @v pages		Number of pages
 * @ret rc		0, or -XENOMEM (then the pages have been freed)
 */
static int efi_track ( struct efi_carrier *carrier, uint64_t phys,
                       uint64_t pages ) {
	struct efi_allocation *slot;

	if ( carrier->alloc_count >= EFI_MAX_ALLOCS ) {
		carrier->bs->FreePages ( phys, pages );
		printf ( "xenmb: too many memory allocations\n" );
		return -XENOMEM;
	}
	slot = &carrier->allocs[carrier->alloc_count++];
	slot->phys = phys;
	slot->pages = pages;
	return 0;
}

/**
 * Read the firmware memory map into a pool buffer
 *
 * @v carrier		Carrier
 * @v map_size		Size of the map, on success
 * @v desc_size		Descriptor stride, on success
 * @ret map		Map (free with FreePool), or NULL
 */
static void *efi_get_map ( struct efi_carrier *carrier, UINTN *map_size,
                           UINTN *desc_size ) {
	EFI_BOOT_SERVICES *bs = carrier->bs;
	void *map = NULL;
	UINTN key;
	UINT32 version;
	EFI_STATUS efirc;
	unsigned int tries;

	/* The map may grow by our own pool allocation: retry a few times */
	*map_size = 0;
	for ( tries = 0; tries < 4; tries++ ) {
		efirc = bs->GetMemoryMap ( map_size, map, &key, desc_size,
		                           &version );
		if ( efirc == EFI_SUCCESS )
			return map;
		if ( map )
			bs->FreePool ( map );
		map = NULL;
		if ( efirc != EFI_BUFFER_TOO_SMALL )
			break;
		*map_size += ( 4 * ( *desc_size ) );
		if ( bs->AllocatePool ( EfiLoaderData, *map_size, &map ) !=
		     EFI_SUCCESS )
			return NULL;
	}
	if ( map )
		bs->FreePool ( map );
	return NULL;
}

/**
 * Allocate exactly at an address
 *
 * @v carrier		Carrier
 * @v phys		Start (page aligned)
 * @v pages		Number of pages
 * @ret rc		0, or -XENOROOM
 */
static int efi_alloc_at ( struct efi_carrier *carrier, uint64_t phys,
                          uint64_t pages ) {
	EFI_PHYSICAL_ADDRESS addr = phys;

	if ( carrier->bs->AllocatePages ( AllocateAddress, EfiLoaderData, pages,
	                                  &addr ) != EFI_SUCCESS )
		return -XENOROOM;
	return 0;
}

/**
 * Allocate below a limit, aligned, by over-allocating and trimming
 *
 * @v carrier		Carrier
 * @v pages		Number of pages wanted
 * @v align		Alignment (a power of two, at least a page)
 * @v limit		The allocation must end at or below this
 * @v phys		Start, on success
 * @ret rc		0, or -XENOROOM
 *
 * AllocateMaxAddress gives the highest fit on EDK2-based firmware.
 */
static int efi_alloc_below ( struct efi_carrier *carrier, uint64_t pages,
                             uint64_t align, uint64_t limit, uint64_t *phys ) {
	EFI_BOOT_SERVICES *bs = carrier->bs;
	uint64_t extra = ( ( align / PAGE_SIZE ) - 1 );
	EFI_PHYSICAL_ADDRESS addr = ( limit - 1 );
	uint64_t start;
	uint64_t head;
	uint64_t tail;

	if ( bs->AllocatePages ( AllocateMaxAddress, EfiLoaderData,
	                         ( pages + extra ), &addr ) != EFI_SUCCESS )
		return -XENOROOM;

	/* Give back the unaligned head and the unused tail */
	start = ( ( addr + align - 1 ) & ~( align - 1 ) );
	head = ( ( start - addr ) / PAGE_SIZE );
	tail = ( extra - head );
	if ( head )
		bs->FreePages ( addr, head );
	if ( tail )
		bs->FreePages ( start + ( pages * PAGE_SIZE ), tail );
	*phys = start;
	return 0;
}

/**
 * Allocate where the memory map shows room (exact min, align, high/low)
 *
 * @v carrier		Carrier
 * @v req		Request (min already raised to the low limit)
 * @v pages		Number of pages
 * @v phys		Start, on success
 * @ret rc		0, or -XENOROOM
 */
static int efi_alloc_search ( struct efi_carrier *carrier,
                              const struct mem_request *req, uint64_t pages,
                              uint64_t *phys ) {
	void *map;
	UINTN map_size;
	UINTN desc_size;
	unsigned int tries;
	int rc = -XENOROOM;

	/* Something else may take the range between search and claim */
	for ( tries = 0; tries < EFI_ALLOC_RETRIES; tries++ ) {
		if ( !( map = efi_get_map ( carrier, &map_size, &desc_size ) ) )
			return -XENOROOM;
		rc = efimap_find_free ( map, map_size, desc_size, req, phys );
		carrier->bs->FreePool ( map );
		if ( rc != 0 )
			return rc;
		if ( ( rc = efi_alloc_at ( carrier, *phys, pages ) ) == 0 )
			return 0;
	}
	return rc;
}

/**
 * Allocate physical memory
 *
 * @v plat		Platform
 * @v req		What is wanted
 * @v phys		Start address, on success
 * @ret rc		0, or -XENOROOM (or -XEINVAL for a bad request)
 */
int efi_alloc ( struct platform *plat, const struct mem_request *req,
                uint64_t *phys ) {
	struct efi_carrier *carrier = efi_carrier ( plat );
	struct mem_request low = *req;
	uint64_t pages;
	uint64_t start;
	int rc;

	/* Whole pages; page alignment at least, and a power of two */
	if ( req->size > ( ADDR_4G * 16 ) )
		return -XENOROOM;
	pages = ( ( req->size + PAGE_SIZE - 1 ) / PAGE_SIZE );
	if ( pages == 0 )
		pages = 1;
	if ( low.align < PAGE_SIZE )
		low.align = PAGE_SIZE;
	if ( low.align & ( low.align - 1 ) )
		return -XEINVAL;
	if ( low.max == 0 )
		low.max = ADDR_4G;
	if ( low.min == 0 )
		low.min = EFI_LOW_LIMIT;

	if ( req->fixed ) {
		/* Exactly there, or not at all */
		if ( ( req->min & ( PAGE_SIZE - 1 ) ) ||
		     ( ( req->min + ( pages * PAGE_SIZE ) ) > low.max ) )
			return -XENOROOM;
		start = req->min;
		rc = efi_alloc_at ( carrier, start, pages );
	} else if ( req->high ) {
		/* Highest fit: the quick way first, the map if it misses */
		rc = efi_alloc_below ( carrier, pages, low.align, low.max,
		                       &start );
		if ( ( rc == 0 ) && ( start < low.min ) ) {
			carrier->bs->FreePages ( start, pages );
			rc = -XENOROOM;
		}
		if ( rc != 0 )
			rc = efi_alloc_search ( carrier, &low, pages, &start );
	} else {
		/* Lowest fit above the minimum */
		rc = efi_alloc_search ( carrier, &low, pages, &start );
	}
	if ( rc != 0 )
		return rc;

	if ( ( rc = efi_track ( carrier, start, pages ) ) != 0 )
		return rc;
	*phys = start;
	return 0;
}

/**
 * Free memory from efi_alloc()
 *
 * @v plat		Platform
 * @v phys		Start address
 * @v size		Size as requested (the recorded size is used)
 */
void efi_free ( struct platform *plat, uint64_t phys, uint64_t size ) {
	struct efi_carrier *carrier = efi_carrier ( plat );
	struct efi_allocation *slot;
	unsigned int i;

	( void )size;
	for ( i = 0; i < carrier->alloc_count; i++ ) {
		slot = &carrier->allocs[i];
		if ( slot->phys != phys )
			continue;
		carrier->bs->FreePages ( slot->phys, slot->pages );
		*slot = carrier->allocs[--carrier->alloc_count];
		return;
	}
	printf ( "xenmb: internal error: freeing memory at %#llx that was "
	         "not allocated\n",
	         ( unsigned long long )phys );
}

/**
 * Get the physical memory map in E820 form
 *
 * @v plat		Platform
 * @v count		Number of entries, on return
 * @ret map		Entries (owned by the carrier), or NULL
 */
const struct memmap_entry *efi_memmap ( struct platform *plat,
                                        unsigned int *count ) {
	struct efi_carrier *carrier = efi_carrier ( plat );
	EFI_BOOT_SERVICES *bs = carrier->bs;
	void *map;
	void *e820 = NULL;
	UINTN map_size;
	UINTN desc_size;
	unsigned int max;
	int rc;

	*count = 0;
	if ( !( map = efi_get_map ( carrier, &map_size, &desc_size ) ) )
		goto err_map;
	max = ( map_size / desc_size );
	if ( bs->AllocatePool ( EfiLoaderData,
	                        ( max * sizeof ( struct memmap_entry ) ),
	                        &e820 ) != EFI_SUCCESS )
		goto err_pool;
	if ( ( rc = efi_memmap_to_e820 ( map, map_size, desc_size, e820, max,
	                                 count ) ) != 0 )
		goto err_convert;

	/* Replace any earlier copy */
	if ( carrier->e820 )
		bs->FreePool ( carrier->e820 );
	carrier->e820 = e820;
	bs->FreePool ( map );
	return carrier->e820;

err_convert:
	printf ( "xenmb: firmware memory map: %s\n", xenmb_strerror ( rc ) );
	bs->FreePool ( e820 );
err_pool:
	bs->FreePool ( map );
err_map:
	*count = 0;
	return NULL;
}

/**
 * Give back every allocation the carrier still holds
 *
 * @v carrier		Carrier
 */
void efi_mem_release ( struct efi_carrier *carrier ) {
	struct efi_allocation *slot;

	while ( carrier->alloc_count ) {
		slot = &carrier->allocs[--carrier->alloc_count];
		carrier->bs->FreePages ( slot->phys, slot->pages );
	}
	if ( carrier->e820 ) {
		carrier->bs->FreePool ( carrier->e820 );
		carrier->e820 = NULL;
	}
}
