/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of UEFI memory-map handling (efimap.c)
 *
 * Maps are built as the firmware lays them out (EFI_MEMORY_DESCRIPTOR at
 * a stride of 40 or 48 bytes, padding filled with junk, any order).  The
 * oracle is a page-by-page model of a small address space: every page
 * gets the E820 type its descriptor's UEFI type stands for (the table in
 * the UEFI specification and Xen's efi_arch_process_memory_map, written
 * out below), and a brute-force search over every aligned start gives
 * the room that efimap_find_free() must find.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/efimap.h>

/** Pages in the modelled address space */
#define MODEL_PAGES 512

/** Most descriptors in a test map */
#define MAX_DESCS 128

/** A map under construction */
struct test_map {
	/** Raw descriptors */
	uint8_t raw[MAX_DESCS * 64];
	/** Stride */
	size_t stride;
	/** Number of descriptors */
	unsigned int count;
	/** Base address of the model */
	uint64_t base;
	/** E820 type of each page (0: no descriptor) */
	uint32_t page_type[MODEL_PAGES];
	/** Free (conventional) pages */
	uint8_t page_free[MODEL_PAGES];
};

/** State of the pseudo-random generator */
static uint32_t rng_state;

/**
 * Next pseudo-random number (xorshift32)
 *
 * @ret value		Value
 */
static uint32_t rng ( void ) {
	rng_state ^= ( rng_state << 13 );
	rng_state ^= ( rng_state >> 17 );
	rng_state ^= ( rng_state << 5 );
	return rng_state;
}

/**
 * E820 type of a UEFI type, as the UEFI specification's OS-loader table
 * and Xen 4.17 give it
 *
 * @v type		UEFI type
 * @v wb		Nonzero if write-back cacheable
 * @ret e820		E820 type
 */
static uint32_t oracle_type ( uint32_t type, int wb ) {
	static const uint32_t table[16] = {
	        [0] = 2,  /* EfiReservedMemoryType */
	        [1] = 1,  /* EfiLoaderCode */
	        [2] = 1,  /* EfiLoaderData */
	        [3] = 1,  /* EfiBootServicesCode */
	        [4] = 1,  /* EfiBootServicesData */
	        [5] = 2,  /* EfiRuntimeServicesCode */
	        [6] = 2,  /* EfiRuntimeServicesData */
	        [7] = 1,  /* EfiConventionalMemory */
	        [8] = 5,  /* EfiUnusableMemory */
	        [9] = 3,  /* EfiACPIReclaimMemory */
	        [10] = 4, /* EfiACPIMemoryNVS */
	        [11] = 2, /* EfiMemoryMappedIO */
	        [12] = 2, /* EfiMemoryMappedIOPortSpace */
	        [13] = 2, /* EfiPalCode */
	        [14] = 7, /* EfiPersistentMemory */
	        [15] = 2, /* EfiUnacceptedMemoryType */
	};

	if ( type >= 16 )
		return 2;
	if ( ( table[type] == 1 ) && !wb )
		return 2;
	return table[type];
}

/**
 * Start a map
 *
 * @v map		Map
 * @v stride		Descriptor stride
 * @v base		Base of the modelled address space
 */
static void map_init ( struct test_map *map, size_t stride, uint64_t base ) {
	memset ( map, 0, sizeof ( *map ) );
	/* Junk everywhere, so that padding is never read as data */
	memset ( map->raw, 0xa5, sizeof ( map->raw ) );
	map->stride = stride;
	map->base = base;
}

/**
 * Append a raw descriptor
 *
 * @v map		Map
 * @v type		UEFI type
 * @v start		Physical start
 * @v pages		Page count
 * @v attr		Attributes
 */
static void map_add_raw ( struct test_map *map, uint32_t type, uint64_t start,
                          uint64_t pages, uint64_t attr ) {
	uint8_t *raw = &map->raw[map->count * map->stride];

	assert_true ( map->count < MAX_DESCS );
	memcpy ( raw + 0, &type, 4 );
	memcpy ( raw + 8, &start, 8 );
	memset ( raw + 16, 0x5a, 8 ); /* VirtualStart: not used */
	memcpy ( raw + 24, &pages, 8 );
	memcpy ( raw + 32, &attr, 8 );
	map->count++;
}

/**
 * Append a descriptor inside the model, and record it in the model
 *
 * @v map		Map
 * @v type		UEFI type
 * @v first		First page (model index)
 * @v pages		Page count
 * @v wb		Nonzero for write-back cacheable
 */
static void map_add ( struct test_map *map, uint32_t type, unsigned int first,
                      unsigned int pages, int wb ) {
	unsigned int i;

	map_add_raw ( map, type,
	              map->base + ( ( uint64_t )first * EFIMAP_PAGE_SIZE ),
	              pages, ( wb ? EFIMAP_ATTR_WB : 0 ) | 0x1 );
	for ( i = first; i < ( first + pages ); i++ ) {
		map->page_type[i] = oracle_type ( type, wb );
		map->page_free[i] = ( type == EFIMAP_CONVENTIONAL );
	}
}

/**
 * Fill a map with random descriptors covering the model, in random order
 *
 * Two conventional descriptors never touch (firmware merges them), so a
 * free range is always one descriptor, as efimap_find_free() assumes.
 *
 * @v map		Map (initialised)
 */
static void map_random ( struct test_map *map ) {
	unsigned int firsts[MAX_DESCS];
	unsigned int lens[MAX_DESCS];
	uint32_t types[MAX_DESCS];
	int wbs[MAX_DESCS];
	unsigned int order[MAX_DESCS];
	unsigned int n = 0;
	unsigned int page = 0;
	uint32_t prev = ~0U;
	unsigned int i;
	unsigned int j;
	unsigned int tmp;

	while ( ( page < MODEL_PAGES ) && ( n < ( MAX_DESCS - 1 ) ) ) {
		/* Sometimes a hole with no descriptor */
		if ( ( rng () % 8 ) == 0 )
			page += ( 1 + ( rng () % 4 ) );
		if ( page >= MODEL_PAGES )
			break;
		firsts[n] = page;
		lens[n] = ( 1 + ( rng () % 24 ) );
		if ( ( firsts[n] + lens[n] ) > MODEL_PAGES )
			lens[n] = ( MODEL_PAGES - firsts[n] );
		do {
			types[n] = ( ( rng () % 3 ) == 0 ) ? EFIMAP_CONVENTIONAL
			                                   : ( rng () % 17 );
		} while ( ( types[n] == EFIMAP_CONVENTIONAL ) &&
		          ( prev == EFIMAP_CONVENTIONAL ) );
		wbs[n] = ( ( rng () % 8 ) != 0 );
		prev = types[n];
		page += lens[n];
		n++;
		/* A hole breaks adjacency */
		if ( ( n < MAX_DESCS ) && ( page < MODEL_PAGES ) &&
		     ( firsts[n - 1] + lens[n - 1] != page ) )
			prev = ~0U;
	}

	/* Shuffle, then add */
	for ( i = 0; i < n; i++ )
		order[i] = i;
	for ( i = n; i > 1; i-- ) {
		j = ( rng () % i );
		tmp = order[i - 1];
		order[i - 1] = order[j];
		order[j] = tmp;
	}
	for ( i = 0; i < n; i++ ) {
		j = order[i];
		map_add ( map, types[j], firsts[j], lens[j], wbs[j] );
	}
}

/**
 * Check E820 output against the page model
 *
 * @v map		Map with its model
 * @v e820		Output entries
 * @v count		Number of entries
 */
static void check_e820 ( const struct test_map *map,
                         const struct memmap_entry *e820, unsigned int count ) {
	uint32_t seen[MODEL_PAGES];
	uint64_t first;
	uint64_t pages;
	unsigned int i;
	uint64_t p;

	memset ( seen, 0, sizeof ( seen ) );
	for ( i = 0; i < count; i++ ) {
		/* Page granular, inside the model, not empty */
		assert_true ( e820[i].len > 0 );
		assert_int_equal ( e820[i].addr % EFIMAP_PAGE_SIZE, 0 );
		assert_int_equal ( e820[i].len % EFIMAP_PAGE_SIZE, 0 );
		assert_true ( e820[i].addr >= map->base );
		first = ( ( e820[i].addr - map->base ) / EFIMAP_PAGE_SIZE );
		pages = ( e820[i].len / EFIMAP_PAGE_SIZE );
		assert_true ( ( first + pages ) <= MODEL_PAGES );
		for ( p = first; p < ( first + pages ); p++ ) {
			assert_int_equal ( seen[p], 0 );
			seen[p] = e820[i].type;
		}

		/* Sorted, and nothing left to merge */
		if ( i > 0 ) {
			assert_true ( e820[i - 1].addr < e820[i].addr );
			assert_false (
			        ( e820[i - 1].type == e820[i].type ) &&
			        ( ( e820[i - 1].addr + e820[i - 1].len ) ==
			          e820[i].addr ) );
		}
	}
	for ( p = 0; p < MODEL_PAGES; p++ )
		assert_int_equal ( seen[p], map->page_type[p] );
}

/** Random maps at both strides convert to what the page model says */
static void test_e820_random ( void **state ) {
	static struct test_map map;
	struct memmap_entry e820[MAX_DESCS];
	unsigned int count;
	unsigned int round;

	( void )state;
	rng_state = 0x1234567;
	for ( round = 0; round < 2000; round++ ) {
		map_init ( &map, ( ( round & 1 ) ? 48 : 40 ),
		           ( ( round & 2 ) ? 0x100000000ULL : 0 ) );
		map_random ( &map );
		assert_int_equal ( efi_memmap_to_e820 ( map.raw,
		                                        map.count * map.stride,
		                                        map.stride, e820,
		                                        map.count, &count ),
		                   0 );
		assert_true ( count <= map.count );
		check_e820 ( &map, e820, count );
	}
}

/** A small OVMF-like map, checked entry by entry */
static void test_e820_known ( void **state ) {
	static struct test_map map;
	struct memmap_entry e820[16];
	unsigned int count;

	( void )state;
	map_init ( &map, 48, 0 );
	/* Out of order on purpose */
	map_add_raw ( &map, EFIMAP_CONVENTIONAL, 0x100000, 0x700,
	              EFIMAP_ATTR_WB );
	map_add_raw ( &map, EFIMAP_BOOT_CODE, 0x0, 0xa0, EFIMAP_ATTR_WB );
	map_add_raw ( &map, EFIMAP_LOADER_DATA, 0x800000, 0x10,
	              EFIMAP_ATTR_WB );
	map_add_raw ( &map, EFIMAP_ACPI_NVS, 0x810000, 0x4, EFIMAP_ATTR_WB );
	map_add_raw ( &map, EFIMAP_ACPI_RECLAIM, 0x814000, 0x2,
	              EFIMAP_ATTR_WB );
	map_add_raw ( &map, EFIMAP_RUNTIME_DATA, 0x816000, 0x0, 0 );
	map_add_raw ( &map, EFIMAP_MMIO, 0xffc00000, 0x400, 0 );
	map_add_raw ( &map, EFIMAP_RESERVED, 0xa0000, 0x60, 0 );
	assert_int_equal ( efi_memmap_to_e820 ( map.raw, map.count * 48, 48,
	                                        e820, 16, &count ),
	                   0 );
	assert_int_equal ( count, 6 );
	/* 0 - 640K RAM, 640K - 1M reserved, 1M - 8M + 64K RAM (merged) */
	assert_int_equal ( e820[0].addr, 0 );
	assert_int_equal ( e820[0].len, 0xa0000 );
	assert_int_equal ( e820[0].type, MEMMAP_RAM );
	assert_int_equal ( e820[1].addr, 0xa0000 );
	assert_int_equal ( e820[1].len, 0x60000 );
	assert_int_equal ( e820[1].type, MEMMAP_RESERVED );
	assert_int_equal ( e820[2].addr, 0x100000 );
	assert_int_equal ( e820[2].len, 0x710000 );
	assert_int_equal ( e820[2].type, MEMMAP_RAM );
	assert_int_equal ( e820[3].addr, 0x810000 );
	assert_int_equal ( e820[3].type, MEMMAP_NVS );
	assert_int_equal ( e820[4].addr, 0x814000 );
	assert_int_equal ( e820[4].type, MEMMAP_ACPI );
	assert_int_equal ( e820[5].addr, 0xffc00000 );
	assert_int_equal ( e820[5].len, 0x400000 );
	assert_int_equal ( e820[5].type, MEMMAP_RESERVED );
	/* Six entries do not fit in five */
	assert_int_equal ( efi_memmap_to_e820 ( map.raw, map.count * 48, 48,
	                                        e820, 5, &count ),
	                   -XENOSPC );
}

/** A merge that joins both neighbours removes an entry */
static void test_e820_bridge ( void **state ) {
	static struct test_map map;
	struct memmap_entry e820[4];
	unsigned int count;

	( void )state;
	map_init ( &map, 40, 0 );
	map_add_raw ( &map, EFIMAP_CONVENTIONAL, 0x0, 1, EFIMAP_ATTR_WB );
	map_add_raw ( &map, EFIMAP_CONVENTIONAL, 0x2000, 1, EFIMAP_ATTR_WB );
	map_add_raw ( &map, EFIMAP_BOOT_DATA, 0x1000, 1, EFIMAP_ATTR_WB );
	assert_int_equal (
	        efi_memmap_to_e820 ( map.raw, 3 * 40, 40, e820, 4, &count ),
	        0 );
	assert_int_equal ( count, 1 );
	assert_int_equal ( e820[0].addr, 0 );
	assert_int_equal ( e820[0].len, 0x3000 );
}

/** Impossible strides and descriptors are refused */
static void test_bad_maps ( void **state ) {
	static struct test_map map;
	struct memmap_entry e820[4];
	struct efimap_desc desc;
	unsigned int count;

	( void )state;
	map_init ( &map, 48, 0 );
	map_add_raw ( &map, EFIMAP_CONVENTIONAL, 0x1000, 1, EFIMAP_ATTR_WB );
	assert_int_equal (
	        efi_memmap_to_e820 ( map.raw, 48, 32, e820, 4, &count ),
	        -XEINVAL );
	assert_int_equal (
	        efi_memmap_to_e820 ( map.raw, 48, 44, e820, 4, &count ),
	        -XEINVAL );
	assert_int_equal ( efimap_desc ( map.raw, 48, 48, 1, &desc ),
	                   -XERANGE );

	/* A trailing partial descriptor is not read */
	assert_int_equal (
	        efi_memmap_to_e820 ( map.raw, 48 + 47, 48, e820, 4, &count ),
	        0 );
	assert_int_equal ( count, 1 );

	/* Ranges that wrap around the address space */
	map_init ( &map, 48, 0 );
	map_add_raw ( &map, EFIMAP_CONVENTIONAL, 0xfffffffffffff000ULL, 2,
	              EFIMAP_ATTR_WB );
	assert_int_equal (
	        efi_memmap_to_e820 ( map.raw, 48, 48, e820, 4, &count ),
	        -XERANGE );
	map_init ( &map, 48, 0 );
	map_add_raw ( &map, EFIMAP_CONVENTIONAL, 0, 1ULL << 53,
	              EFIMAP_ATTR_WB );
	assert_int_equal (
	        efi_memmap_to_e820 ( map.raw, 48, 48, e820, 4, &count ),
	        -XERANGE );
}

/**
 * Brute-force oracle for efimap_find_free() over the page model
 *
 * @v map		Map with its model
 * @v req		Request
 * @v phys		Best start, on success
 * @ret found		Nonzero if anything fits
 */
static int oracle_find ( const struct test_map *map,
                         const struct mem_request *req, uint64_t *phys ) {
	uint64_t pages =
	        ( ( req->size + EFIMAP_PAGE_SIZE - 1 ) / EFIMAP_PAGE_SIZE );
	uint64_t align = ( req->align < EFIMAP_PAGE_SIZE ) ? EFIMAP_PAGE_SIZE
	                                                   : req->align;
	uint64_t start;
	uint64_t p;
	int found = 0;
	int ok;

	if ( pages == 0 )
		pages = 1;
	for ( p = 0; p < MODEL_PAGES; p++ ) {
		start = ( map->base + ( p * EFIMAP_PAGE_SIZE ) );
		if ( ( start % align ) || ( start < req->min ) ||
		     ( ( p + pages ) > MODEL_PAGES ) ||
		     ( ( start + ( pages * EFIMAP_PAGE_SIZE ) ) > req->max ) )
			continue;
		ok = 1;
		for ( uint64_t q = p; q < ( p + pages ); q++ )
			ok &= map->page_free[q];
		if ( !ok )
			continue;
		if ( ( !found ) || req->high ) {
			*phys = start;
			found = 1;
		}
		if ( !req->high )
			break;
	}
	return found;
}

/** Random requests on random maps find what the brute force finds */
static void test_find_random ( void **state ) {
	static struct test_map map;
	struct mem_request req;
	uint64_t expect = 0;
	uint64_t got = 0;
	unsigned int round;
	int found;
	int rc;

	( void )state;
	rng_state = 0xbeef;
	for ( round = 0; round < 4000; round++ ) {
		map_init ( &map, ( ( round & 1 ) ? 48 : 40 ), 0x10000000 );
		map_random ( &map );
		memset ( &req, 0, sizeof ( req ) );
		req.size = ( rng () % ( 40 * EFIMAP_PAGE_SIZE ) );
		req.align = ( EFIMAP_PAGE_SIZE << ( rng () % 5 ) );
		req.min = ( map.base + ( rng () % ( MODEL_PAGES / 2 ) ) *
		                               EFIMAP_PAGE_SIZE );
		req.max = ( map.base + ( ( MODEL_PAGES / 2 ) +
		                         ( rng () % ( MODEL_PAGES / 2 ) ) ) *
		                               EFIMAP_PAGE_SIZE );
		req.high = ( rng () & 1 );

		found = oracle_find ( &map, &req, &expect );
		rc = efimap_find_free ( map.raw, map.count * map.stride,
		                        map.stride, &req, &got );
		if ( found ) {
			assert_int_equal ( rc, 0 );
			assert_int_equal ( got, expect );
		} else {
			assert_int_equal ( rc, -XENOROOM );
		}
	}
}

/** Defaults: max 0 means 4 GiB; a zero size is one page; bad alignment */
static void test_find_edges ( void **state ) {
	static struct test_map map;
	struct mem_request req;
	uint64_t got = 0;

	( void )state;
	map_init ( &map, 48, 0 );
	map_add_raw ( &map, EFIMAP_CONVENTIONAL, 0x100000, 0x100,
	              EFIMAP_ATTR_WB );
	map_add_raw ( &map, EFIMAP_CONVENTIONAL, 0xfff00000, 0x200,
	              EFIMAP_ATTR_WB );
	memset ( &req, 0, sizeof ( req ) );
	req.size = 0;
	req.high = 1;
	assert_int_equal ( efimap_find_free ( map.raw, 96, 48, &req, &got ),
	                   0 );
	/* The second range crosses 4 GiB: the highest page below it */
	assert_int_equal ( got, 0xfffff000ULL );

	req.size = 0x200000;
	assert_int_equal ( efimap_find_free ( map.raw, 96, 48, &req, &got ),
	                   -XENOROOM );
	req.size = 0x100000;
	assert_int_equal ( efimap_find_free ( map.raw, 96, 48, &req, &got ),
	                   0 );
	assert_int_equal ( got, 0xfff00000ULL );

	req.align = 0x3000;
	assert_int_equal ( efimap_find_free ( map.raw, 96, 48, &req, &got ),
	                   -XEINVAL );
	req.align = 0;
	req.size = UINT64_MAX;
	assert_int_equal ( efimap_find_free ( map.raw, 96, 48, &req, &got ),
	                   -XENOROOM );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failures
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_e820_random ),
	        cmocka_unit_test ( test_e820_known ),
	        cmocka_unit_test ( test_e820_bridge ),
	        cmocka_unit_test ( test_bad_maps ),
	        cmocka_unit_test ( test_find_random ),
	        cmocka_unit_test ( test_find_edges ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
