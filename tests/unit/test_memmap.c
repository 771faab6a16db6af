/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the physical memory allocator (src/core/memmap.c)
 *
 * The oracle is a brute-force model: the type of every byte (or page) is
 * worked out directly from the raw entries, and the expected allocation
 * is found by trying every aligned address in turn.  Random maps and
 * random sequences of requests are compared with it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/memmap.h>

/** Pages in the model's address space */
#define MODEL_PAGES 512

/** Bytes in the byte-level sanitiser model */
#define MODEL_BYTES 1024

/** A brute-force model of free RAM, page by page */
struct model {
	/** Page is RAM */
	uint8_t ram[MODEL_PAGES];
	/** Page is used */
	uint8_t used[MODEL_PAGES];
};

/** State of the small random number generator (xorshift64) */
static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

/**
 * Get a random number
 *
 * @ret value		64 random bits
 */
static uint64_t rng ( void ) {
	rng_state ^= ( rng_state << 13 );
	rng_state ^= ( rng_state >> 7 );
	rng_state ^= ( rng_state << 17 );
	return rng_state;
}

/**
 * Work out the type of one address directly from raw entries
 *
 * @v raw		Raw entries
 * @v count		Number of entries
 * @v addr		Address
 * @ret type		Winning type, or 0 if no entry covers it
 */
static uint32_t oracle_type ( const struct memmap_entry *raw,
                              unsigned int count, uint64_t addr ) {
	uint32_t type = 0;
	unsigned int i;

	for ( i = 0; i < count; i++ ) {
		if ( ( addr < raw[i].addr ) ||
		     ( ( addr - raw[i].addr ) >= raw[i].len ) )
			continue;
		/* RAM loses to anything; otherwise the higher type wins */
		if ( ( type == 0 ) || ( type == MEMMAP_RAM ) ||
		     ( ( raw[i].type != MEMMAP_RAM ) &&
		       ( raw[i].type > type ) ) )
			type = raw[i].type;
	}
	return type;
}

/**
 * Find the sanitised type of one address
 *
 * @v mm		Memory map
 * @v addr		Address
 * @ret type		Type, or 0 if no entry covers it
 */
static uint32_t sane_type ( const struct memmap *mm, uint64_t addr ) {
	unsigned int i;

	for ( i = 0; i < mm->count; i++ ) {
		if ( ( addr >= mm->entries[i].addr ) &&
		     ( ( addr - mm->entries[i].addr ) < mm->entries[i].len ) )
			return mm->entries[i].type;
	}
	return 0;
}

/**
 * Check the shape of a sanitised map: sorted, disjoint, merged
 *
 * @v mm		Memory map
 */
static void check_sane_shape ( const struct memmap *mm ) {
	const struct memmap_entry *prev;
	const struct memmap_entry *entry;
	unsigned int i;

	for ( i = 0; i < mm->count; i++ ) {
		entry = &mm->entries[i];
		assert_true ( entry->len > 0 );
		if ( i == 0 )
			continue;
		prev = &mm->entries[i - 1];
		assert_true ( ( prev->addr + prev->len ) <= entry->addr );
		if ( ( prev->addr + prev->len ) == entry->addr )
			assert_int_not_equal ( prev->type, entry->type );
	}
}

/**
 * Check the used list: sorted and disjoint
 *
 * @v mm		Memory map
 */
static void check_used_shape ( const struct memmap *mm ) {
	unsigned int i;

	assert_true ( mm->used_count <= MEMMAP_MAX_USED );
	for ( i = 0; i < mm->used_count; i++ ) {
		assert_true ( mm->used[i].start < mm->used[i].end );
		assert_non_null ( mm->used[i].what );
		if ( i )
			assert_true ( mm->used[i - 1].end <=
			              mm->used[i].start );
	}
}

/**
 * Sanitise random byte-level maps and compare every byte with the oracle
 *
 * @v state		Unused
 */
static void test_sanitise_random ( void **state ) {
	static struct memmap mm;
	struct memmap_entry raw[12];
	static const uint32_t types[] = { 1, 1, 1, 2, 3, 4, 5, 7, 12, 16 };
	unsigned int count;
	unsigned int round;
	unsigned int i;
	uint64_t addr;

	( void )state;
	for ( round = 0; round < 3000; round++ ) {
		count = ( rng () % 12 );
		for ( i = 0; i < count; i++ ) {
			raw[i].addr = ( rng () % MODEL_BYTES );
			raw[i].len = ( rng () % ( MODEL_BYTES / 2 ) );
			if ( rng () % 8 == 0 )
				raw[i].len = 0;
			raw[i].type = types[rng () % 10];
		}
		memmap_init ( &mm );
		assert_int_equal ( memmap_load ( &mm, raw, count ), 0 );
		check_sane_shape ( &mm );
		for ( addr = 0; addr < ( 2 * MODEL_BYTES ); addr++ ) {
			assert_int_equal ( sane_type ( &mm, addr ),
			                   oracle_type ( raw, count, addr ) );
		}
	}
}

/**
 * Sanitise a firmware-like map with a wrapping entry and too many entries
 *
 * @v state		Unused
 */
static void test_sanitise_edges ( void **state ) {
	static struct memmap mm;
	static struct memmap_entry many[MEMMAP_MAX_ENTRIES + 1];
	const struct memmap_entry raw[] = {
	        /* Out of order, overlapping, as some firmware reports */
	        { 0x100000, 0x7ee0000, MEMMAP_RAM },
	        { 0x0, 0x9fc00, MEMMAP_RAM },
	        { 0x9fc00, 0x400, MEMMAP_RESERVED },
	        { 0xf0000, 0x10000, MEMMAP_RESERVED },
	        { 0x7fe0000, 0x20000, MEMMAP_ACPI },
	        { 0x7ff0000, 0x10000, MEMMAP_RESERVED },
	        { 0x100000000ULL, 0x80000000ULL, MEMMAP_RAM },
	        /* Runs past the top of the address space */
	        { 0xfffffffffffff000ULL, 0x2000, MEMMAP_RESERVED },
	};
	unsigned int i;

	( void )state;
	memmap_init ( &mm );
	assert_int_equal ( memmap_load ( &mm, raw, 8 ), 0 );
	check_sane_shape ( &mm );
	assert_int_equal ( sane_type ( &mm, 0x9fbff ), MEMMAP_RAM );
	assert_int_equal ( sane_type ( &mm, 0x9fc00 ), MEMMAP_RESERVED );
	assert_int_equal ( sane_type ( &mm, 0xa0000 ), 0 );
	assert_int_equal ( sane_type ( &mm, 0x7fdffff ), MEMMAP_RAM );
	assert_int_equal ( sane_type ( &mm, 0x7fe0000 ), MEMMAP_ACPI );
	/* ACPI (3) is higher than reserved (2): it wins where they meet */
	assert_int_equal ( sane_type ( &mm, 0x7ff0000 ), MEMMAP_ACPI );
	assert_int_equal ( sane_type ( &mm, 0xfffffffffffffffeULL ),
	                   MEMMAP_RESERVED );
	assert_true ( memmap_is_ram ( &mm, 0x100000, 0x1000000 ) );
	assert_false ( memmap_is_ram ( &mm, 0x9f000, 0x2000 ) );
	assert_false ( memmap_is_ram ( &mm, 0xffffffffULL, 2 ) );

	/* One entry too many: the first ones are used, and it is said */
	for ( i = 0; i <= MEMMAP_MAX_ENTRIES; i++ ) {
		many[i].addr = ( ( uint64_t )i * 0x2000 );
		many[i].len = 0x1000;
		many[i].type = ( ( i & 1 ) ? MEMMAP_RAM : MEMMAP_RESERVED );
	}
	memmap_init ( &mm );
	assert_int_equal ( memmap_load ( &mm, many, MEMMAP_MAX_ENTRIES + 1 ),
	                   -XETOOMANY );
	assert_int_equal ( mm.count, MEMMAP_MAX_ENTRIES );
	check_sane_shape ( &mm );
}

/**
 * Find where a request should go, by trying every aligned page
 *
 * @v model		Model
 * @v req		Request
 * @v phys		Expected address, if found
 * @ret found		Nonzero if the request fits
 */
static int oracle_alloc ( const struct model *model,
                          const struct mem_request *req, uint64_t *phys ) {
	uint64_t pages = ( ( req->size + PAGE_SIZE - 1 ) / PAGE_SIZE );
	uint64_t step = ( ( req->align > PAGE_SIZE ) ? req->align : PAGE_SIZE );
	uint64_t max = ( req->max ? req->max : ~0ULL );
	uint64_t addr;
	uint64_t page;
	uint64_t p;
	int found = 0;

	for ( addr = 0; addr < ( MODEL_PAGES * PAGE_SIZE ); addr += step ) {
		page = ( addr / PAGE_SIZE );
		if ( ( addr < req->min ) ||
		     ( ( addr + ( pages * PAGE_SIZE ) ) > max ) ||
		     ( ( page + pages ) > MODEL_PAGES ) )
			continue;
		for ( p = page; p < ( page + pages ); p++ ) {
			if ( ( !model->ram[p] ) || model->used[p] )
				break;
		}
		if ( p < ( page + pages ) )
			continue;
		*phys = addr;
		found = 1;
		if ( !req->high )
			break;
	}
	return found;
}

/**
 * Mark or clear pages in the model
 *
 * @v model		Model
 * @v start		Start address
 * @v end		End address (exclusive)
 * @v used		New state of every page the range touches
 */
static void model_set ( struct model *model, uint64_t start, uint64_t end,
                        int used ) {
	uint64_t page;

	for ( page = ( start / PAGE_SIZE );
	      ( page < MODEL_PAGES ) && ( ( page * PAGE_SIZE ) < end ); page++ )
		model->used[page] = used;
}

/**
 * Check that the used list covers exactly the model's used pages
 *
 * @v mm		Memory map
 * @v model		Model
 */
static void check_used_pages ( const struct memmap *mm,
                               const struct model *model ) {
	unsigned int page;
	int used;

	check_used_shape ( mm );
	for ( page = 0; page < MODEL_PAGES; page++ ) {
		used = ( memmap_used_at ( mm, ( page * PAGE_SIZE ),
		                          PAGE_SIZE ) != NULL );
		assert_int_equal ( used, model->used[page] );
	}
}

/**
 * Make a random page-granular map and the model's view of it
 *
 * @v mm		Memory map to load
 * @v model		Model to fill
 */
static void random_map ( struct memmap *mm, struct model *model ) {
	struct memmap_entry raw[10];
	unsigned int count = ( 1 + ( rng () % 10 ) );
	unsigned int page;
	unsigned int i;

	for ( i = 0; i < count; i++ ) {
		/* Inside the model's address space */
		page = ( rng () % MODEL_PAGES );
		raw[i].addr = ( page * PAGE_SIZE );
		raw[i].len = ( ( 1 + ( rng () % ( MODEL_PAGES - page ) ) ) *
		               PAGE_SIZE );
		raw[i].type = ( ( rng () % 3 ) ? MEMMAP_RAM : MEMMAP_RESERVED );
	}
	memmap_init ( mm );
	assert_int_equal ( memmap_load ( mm, raw, count ), 0 );
	memset ( model, 0, sizeof ( *model ) );
	for ( page = 0; page < MODEL_PAGES; page++ ) {
		model->ram[page] =
		        ( oracle_type ( raw, count, ( page * PAGE_SIZE ) ) ==
		          MEMMAP_RAM );
	}
}

/**
 * Run one random request against the allocator and the model
 *
 * @v mm		Memory map
 * @v model		Model
 * @v allocs		Start addresses of live allocations
 * @v sizes		Their sizes
 * @v nallocs		Number of live allocations, updated
 */
static void random_op ( struct memmap *mm, struct model *model,
                        uint64_t *allocs, uint64_t *sizes,
                        unsigned int *nallocs ) {
	struct mem_request req;
	uint64_t expected = 0;
	uint64_t phys = 0;
	uint64_t start;
	uint64_t len;
	unsigned int victim;
	int found;
	int rc;

	switch ( rng () % 5 ) {
	case 0:
		/* Free a live allocation */
		if ( !*nallocs )
			return;
		victim = ( rng () % *nallocs );
		assert_int_equal (
		        memmap_free ( mm, allocs[victim], sizes[victim] ), 0 );
		model_set (
		        model, allocs[victim],
		        ( allocs[victim] + ( ( sizes[victim] + PAGE_SIZE - 1 ) &
		                             ~( PAGE_SIZE - 1 ) ) ),
		        0 );
		allocs[victim] = allocs[*nallocs - 1];
		sizes[victim] = sizes[--( *nallocs )];
		return;
	case 1:
		/* Reserve any range, page aligned or not */
		start = ( rng () % ( MODEL_PAGES * PAGE_SIZE ) );
		len = ( rng () % ( 8 * PAGE_SIZE ) );
		if ( mm->used_count + 2 > MEMMAP_MAX_USED )
			return;
		assert_int_equal ( memmap_reserve ( mm, start, len, "test" ),
		                   0 );
		if ( len )
			model_set ( model, start, ( start + len ), 1 );
		return;
	default:
		break;
	}

	/* Allocate: low, high or fixed, with random limits */
	memset ( &req, 0, sizeof ( req ) );
	req.size = ( 1 + ( rng () % ( 24 * PAGE_SIZE ) ) );
	req.align = ( PAGE_SIZE << ( rng () % 5 ) );
	req.min = ( ( rng () % 2 ) ? ( rng () % ( MODEL_PAGES * PAGE_SIZE ) )
	                           : 0 );
	req.max = ( ( rng () % 2 ) ? ( rng () % ( MODEL_PAGES * PAGE_SIZE ) )
	                           : 0 );
	req.high = ( rng () % 2 );
	req.what = "random";
	if ( rng () % 4 == 0 ) {
		req.fixed = 1;
		req.min &= ~( PAGE_SIZE - 1 );
		req.max = 0;
		req.align = PAGE_SIZE;
		req.high = 0;
	}
	found = oracle_alloc ( model, &req, &expected );
	if ( req.fixed )
		found = ( found && ( expected == req.min ) );
	if ( mm->used_count >= MEMMAP_MAX_USED )
		return;
	rc = memmap_alloc ( mm, &req, &phys );
	if ( !found ) {
		assert_int_equal ( rc, ( req.fixed ? -XEOVERLAP : -XENOROOM ) );
		return;
	}
	assert_int_equal ( rc, 0 );
	assert_int_equal ( phys, expected );
	model_set ( model, phys, ( phys + req.size ), 1 );
	allocs[*nallocs] = phys;
	sizes[( *nallocs )++] = req.size;
}

/**
 * Compare random request sequences with the brute-force model
 *
 * @v state		Unused
 */
static void test_alloc_random ( void **state ) {
	static struct memmap mm;
	struct model model;
	uint64_t allocs[MEMMAP_MAX_USED];
	uint64_t sizes[MEMMAP_MAX_USED];
	unsigned int nallocs;
	unsigned int round;
	unsigned int op;

	( void )state;
	for ( round = 0; round < 300; round++ ) {
		random_map ( &mm, &model );
		nallocs = 0;
		for ( op = 0; op < 60; op++ ) {
			random_op ( &mm, &model, allocs, sizes, &nallocs );
			check_used_pages ( &mm, &model );
		}
	}
}

/**
 * Allocate on a realistic map: limits at 4 GiB, first MiB reserved
 *
 * @v state		Unused
 */
static void test_alloc_realistic ( void **state ) {
	static struct memmap mm;
	const struct memmap_entry raw[] = {
	        { 0x0, 0x9fc00, MEMMAP_RAM },
	        { 0x9fc00, 0x400, MEMMAP_RESERVED },
	        { 0xf0000, 0x10000, MEMMAP_RESERVED },
	        { 0x100000, 0xbfee0000ULL, MEMMAP_RAM },
	        { 0xbffe0000ULL, 0x20000, MEMMAP_RESERVED },
	        { 0xfffc0000ULL, 0x40000, MEMMAP_RESERVED },
	        { 0x100000000ULL, 0x140000000ULL, MEMMAP_RAM },
	};
	struct mem_request req = {
	        .size = 0x200000,
	        .align = 0x200000,
	        .max = ADDR_4G,
	        .high = 1,
	        .what = "xen",
	};
	const struct memmap_range *used;
	uint64_t phys;

	( void )state;
	memmap_init ( &mm );
	assert_int_equal ( memmap_load ( &mm, raw, 7 ), 0 );
	assert_int_equal ( memmap_reserve ( &mm, 0, 0x100000, "low memory" ),
	                   0 );
	assert_int_equal ( memmap_reserve ( &mm, 0x100000, 0x12345, "image" ),
	                   0 );

	/* Highest 2 MiB-aligned block below 4 GiB */
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), 0 );
	assert_int_equal ( phys, 0xbfc00000ULL );

	/* No limit: the top of RAM above 4 GiB */
	req.max = 0;
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), 0 );
	assert_int_equal ( phys, 0x23fe00000ULL );

	/* Lowest: just after the image, on the next page */
	req.high = 0;
	req.align = 0;
	req.size = 1;
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), 0 );
	assert_int_equal ( phys, 0x113000 );

	/* Fixed on the image: refused, and the overlap is named */
	req.fixed = 1;
	req.min = 0x110000;
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), -XEOVERLAP );
	used = memmap_used_at ( &mm, 0x110000, 0x1000 );
	assert_non_null ( used );
	assert_string_equal ( used->what, "image" );

	/* Fixed in a hole of the map: refused */
	req.min = 0xc0000000ULL;
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), -XEOVERLAP );

	/* Bad requests */
	req.fixed = 0;
	req.align = 0x3000;
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), -XEINVAL );
	req.align = 0;
	req.size = 0;
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), -XEINVAL );

	/* Too big for anything */
	req.size = 0x400000000ULL;
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), -XENOROOM );
}

/**
 * Fill the used list: allocation fails cleanly, freeing splits work
 *
 * @v state		Unused
 */
static void test_used_full ( void **state ) {
	static struct memmap mm;
	const struct memmap_entry raw[] = {
	        { 0x0, 0x10000000, MEMMAP_RAM },
	};
	struct mem_request req = {
	        .size = PAGE_SIZE,
	        .what = "page",
	};
	uint64_t phys;
	unsigned int i;

	( void )state;
	memmap_init ( &mm );
	assert_int_equal ( memmap_load ( &mm, raw, 1 ), 0 );
	for ( i = 0; i < MEMMAP_MAX_USED; i++ ) {
		/* Leave a page between allocations so that none merge */
		req.min = ( ( uint64_t )i * 2 * PAGE_SIZE );
		assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), 0 );
		assert_int_equal ( phys, req.min );
	}
	req.min = 0;
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), -XENOMEM );
	assert_int_equal ( memmap_reserve ( &mm, 0, 1, "x" ), -XENOMEM );
	check_used_shape ( &mm );

	/* Freeing the first allocation makes room again */
	assert_int_equal ( memmap_free ( &mm, 0, PAGE_SIZE ), 0 );
	assert_int_equal ( mm.used_count, MEMMAP_MAX_USED - 1 );
	assert_int_equal ( memmap_alloc ( &mm, &req, &phys ), 0 );
	assert_int_equal ( phys, 0 );

	/* A reservation over several allocations replaces them */
	assert_int_equal ( memmap_free ( &mm, 0, PAGE_SIZE ), 0 );
	assert_int_equal ( memmap_free ( &mm, 2 * PAGE_SIZE, PAGE_SIZE ), 0 );
	assert_int_equal (
	        memmap_reserve ( &mm, 4 * PAGE_SIZE, 5 * PAGE_SIZE, "big" ),
	        0 );
	assert_int_equal ( mm.used_count, MEMMAP_MAX_USED - 4 );
	assert_string_equal ( memmap_used_at ( &mm, 6 * PAGE_SIZE, 1 )->what,
	                      "big" );
	check_used_shape ( &mm );

	/* Freeing the middle of a reservation splits it */
	assert_int_equal ( memmap_free ( &mm, 6 * PAGE_SIZE, PAGE_SIZE ), 0 );
	assert_null ( memmap_used_at ( &mm, 6 * PAGE_SIZE, PAGE_SIZE ) );
	assert_non_null ( memmap_used_at ( &mm, 5 * PAGE_SIZE, PAGE_SIZE ) );
	assert_non_null ( memmap_used_at ( &mm, 7 * PAGE_SIZE, PAGE_SIZE ) );
	check_used_shape ( &mm );
}

/**
 * A reservation that starts at the top of the address space is empty
 * (found by fuzz_memmap: it left an empty range in the used list)
 *
 * @v state		Unused
 */
static void test_reserve_at_top ( void **state ) {
	static struct memmap mm;
	const struct memmap_entry raw[] = {
	        { 0x0, 0x10000000, MEMMAP_RAM },
	};

	( void )state;
	memmap_init ( &mm );
	assert_int_equal ( memmap_load ( &mm, raw, 1 ), 0 );
	assert_int_equal (
	        memmap_reserve ( &mm, UINT64_MAX, 0x93bfffffff6023bULL, "top" ),
	        0 );
	assert_int_equal ( memmap_reserve ( &mm, UINT64_MAX, 1, "top" ), 0 );
	assert_int_equal ( mm.used_count, 0 );
	/* One byte below the top is a real (clipped) range */
	assert_int_equal ( memmap_reserve ( &mm, UINT64_MAX - 1, 5, "top" ),
	                   0 );
	assert_int_equal ( mm.used_count, 1 );
	check_used_shape ( &mm );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	static const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_sanitise_random ),
	        cmocka_unit_test ( test_sanitise_edges ),
	        cmocka_unit_test ( test_alloc_random ),
	        cmocka_unit_test ( test_alloc_realistic ),
	        cmocka_unit_test ( test_used_full ),
	        cmocka_unit_test ( test_reserve_at_top ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
