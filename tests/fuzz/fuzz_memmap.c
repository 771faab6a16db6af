/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the memory map and allocator (memmap.c)
 *
 * The input is a raw E820-style map (up to 8 entries, in any order,
 * overlapping, empty or running past 2^64, as firmware gives them) and a
 * program of up to 12 reservations, allocations, frees and RAM queries.
 * Every result is checked against a model that keeps the raw entries and
 * the list of mark/unmark events as they came:
 *
 * - the sanitised map is sorted, disjoint, merged, and gives every
 *   address the type the raw entries give it (any other type beats RAM,
 *   the higher number beats the lower): checked on both sides of every
 *   raw boundary, which covers every address;
 * - the used list is sorted and disjoint and says "used" exactly where the
 *   last event covering an address was a mark (both sides of every event
 *   boundary);
 * - an allocation is aligned, inside [min, max), RAM, was free, and is the
 *   highest (or lowest) such place: every candidate place (each boundary,
 *   aligned down after taking the size off, or aligned up) that would fit
 *   better is shown not to; -XENOROOM only when no candidate fits;
 * - a fixed allocation succeeds exactly when its place is free RAM;
 * - memmap_is_ram agrees with the model.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/memmap.h>
#include "fuzz_input.h"

/** Most raw entries */
#define FUZZ_RAW_MAX 8

/** Most operations */
#define FUZZ_OPS_MAX 12

/** Most mark/unmark events (a reserve is an unmark and a mark) */
#define FUZZ_EVENTS_MAX ( 2 * FUZZ_OPS_MAX )

/** Most live allocations remembered for frees */
#define FUZZ_ALLOCS_MAX FUZZ_OPS_MAX

/** Top of the address space, as an exclusive end */
#define FUZZ_TOP UINT64_MAX

/** "No entry covers it" (raw types are one byte here) */
#define FUZZ_NO_TYPE 0x100

/** One mark or unmark, in the order they happened */
struct fuzz_event {
	uint64_t start;
	uint64_t end;
	int mark;
};

/** The model */
struct fuzz_model {
	struct memmap_entry raw[FUZZ_RAW_MAX];
	unsigned int raw_count;
	struct fuzz_event event[FUZZ_EVENTS_MAX];
	unsigned int event_count;
	uint64_t alloc_start[FUZZ_ALLOCS_MAX];
	uint64_t alloc_len[FUZZ_ALLOCS_MAX];
	unsigned int alloc_count;
};

/**
 * Take an address: mostly pages below 256 MiB (so that entries and
 * requests meet), sometimes any 64-bit value
 *
 * @v in		Input
 * @ret addr		Address
 */
static uint64_t fuzz_take_addr ( struct fuzz_input *in ) {
	unsigned int sel = fuzz_take ( in, 1 );

	if ( sel >= 0xf0 )
		return fuzz_take ( in, 8 );
	return ( ( fuzz_take ( in, 2 ) << 12 ) + ( ( sel & 0x0f ) << 8 ) );
}

/**
 * End of a raw entry, clipped at the top of the address space
 *
 * @v entry		Raw entry
 * @ret end		Exclusive end
 */
static uint64_t fuzz_raw_end ( const struct memmap_entry *entry ) {
	if ( entry->len > ( FUZZ_TOP - entry->addr ) )
		return FUZZ_TOP;
	return ( entry->addr + entry->len );
}

/**
 * The type the raw entries give an address
 *
 * @v model		Model
 * @v addr		Address
 * @ret type		Type, or FUZZ_NO_TYPE if no entry covers it
 */
static uint32_t fuzz_model_type ( const struct fuzz_model *model,
                                  uint64_t addr ) {
	const struct memmap_entry *entry;
	uint32_t type = FUZZ_NO_TYPE;
	unsigned int i;

	for ( i = 0; i < model->raw_count; i++ ) {
		entry = &model->raw[i];
		if ( ( entry->len == 0 ) || ( addr < entry->addr ) ||
		     ( addr >= fuzz_raw_end ( entry ) ) )
			continue;
		/* RAM never wins; otherwise the higher type does */
		if ( ( type == FUZZ_NO_TYPE ) ||
		     ( ( entry->type != MEMMAP_RAM ) &&
		       ( ( type == MEMMAP_RAM ) || ( entry->type > type ) ) ) )
			type = entry->type;
	}
	return type;
}

/**
 * Whether the model says an address is used
 *
 * @v model		Model
 * @v addr		Address
 * @ret used		Nonzero if the last event covering it was a mark
 */
static int fuzz_model_used ( const struct fuzz_model *model, uint64_t addr ) {
	const struct fuzz_event *event;
	unsigned int i = model->event_count;

	while ( i-- ) {
		event = &model->event[i];
		if ( ( addr >= event->start ) && ( addr < event->end ) )
			return event->mark;
	}
	return 0;
}

/**
 * The type the sanitised map gives an address
 *
 * @v mm		Memory map
 * @v addr		Address
 * @ret type		Type, or FUZZ_NO_TYPE if no entry holds it
 */
static uint32_t fuzz_map_type ( const struct memmap *mm, uint64_t addr ) {
	unsigned int i;

	for ( i = 0; i < mm->count; i++ ) {
		if ( ( addr >= mm->entries[i].addr ) &&
		     ( ( addr - mm->entries[i].addr ) < mm->entries[i].len ) )
			return mm->entries[i].type;
	}
	return FUZZ_NO_TYPE;
}

/**
 * Whether the used list holds an address
 *
 * @v mm		Memory map
 * @v addr		Address
 * @ret used		Nonzero if used
 */
static int fuzz_map_used ( const struct memmap *mm, uint64_t addr ) {
	unsigned int i;

	for ( i = 0; i < mm->used_count; i++ ) {
		if ( ( addr >= mm->used[i].start ) &&
		     ( addr < mm->used[i].end ) )
			return 1;
	}
	return 0;
}

/**
 * Check that the code and the model agree at a boundary and just below it
 *
 * @v model		Model
 * @v mm		Memory map
 * @v bound		Boundary (a start or exclusive end)
 * @v used		Nonzero to compare "used", else the map type
 *
 * Both are constant between boundaries, so checking either side of every
 * boundary checks every address.
 */
static void fuzz_check_around ( const struct fuzz_model *model,
                                const struct memmap *mm, uint64_t bound,
                                int used ) {
	uint64_t addr[2] = { bound, ( bound - 1 ) };
	unsigned int i;

	for ( i = 0; i < ( bound ? 2 : 1 ); i++ ) {
		if ( used ? ( fuzz_map_used ( mm, addr[i] ) !=
		              fuzz_model_used ( model, addr[i] ) )
		          : ( fuzz_map_type ( mm, addr[i] ) !=
		              fuzz_model_type ( model, addr[i] ) ) )
			abort ();
	}
}

/**
 * Check the sanitised map against the raw entries
 *
 * @v model		Model
 * @v mm		Memory map
 */
static void fuzz_check_map ( const struct fuzz_model *model,
                             const struct memmap *mm ) {
	const struct memmap_entry *entry, *next;
	unsigned int i;

	for ( i = 0; i < mm->count; i++ ) {
		entry = &mm->entries[i];
		if ( ( entry->len == 0 ) ||
		     ( entry->len > FUZZ_TOP - entry->addr ) )
			abort ();
		if ( ( i + 1 ) < mm->count ) {
			next = &mm->entries[i + 1];
			if ( ( entry->addr + entry->len ) > next->addr )
				abort ();
			if ( ( ( entry->addr + entry->len ) == next->addr ) &&
			     ( entry->type == next->type ) )
				abort ();
		}
	}
	for ( i = 0; i < model->raw_count; i++ ) {
		if ( model->raw[i].len == 0 )
			continue;
		fuzz_check_around ( model, mm, model->raw[i].addr, 0 );
		fuzz_check_around ( model, mm, fuzz_raw_end ( &model->raw[i] ),
		                    0 );
	}
}

/**
 * Check the used list against the events
 *
 * @v model		Model
 * @v mm		Memory map
 */
static void fuzz_check_used ( const struct fuzz_model *model,
                              const struct memmap *mm ) {
	unsigned int i;

	for ( i = 0; i < mm->used_count; i++ ) {
		if ( mm->used[i].start >= mm->used[i].end )
			abort ();
		if ( ( ( i + 1 ) < mm->used_count ) &&
		     ( mm->used[i].end > mm->used[i + 1].start ) )
			abort ();
	}
	for ( i = 0; i < model->event_count; i++ ) {
		fuzz_check_around ( model, mm, model->event[i].start, 1 );
		fuzz_check_around ( model, mm, model->event[i].end, 1 );
	}
}

/**
 * Whether a range is RAM throughout, by the model
 *
 * @v model		Model
 * @v start		Start
 * @v end		Exclusive end (above start)
 * @ret ram		Nonzero if RAM throughout
 */
static int fuzz_model_ram ( const struct fuzz_model *model, uint64_t start,
                            uint64_t end ) {
	uint64_t bound;
	unsigned int i, j;

	if ( fuzz_model_type ( model, start ) != MEMMAP_RAM )
		return 0;
	for ( i = 0; i < model->raw_count; i++ ) {
		for ( j = 0; j < 2; j++ ) {
			bound = ( j ? fuzz_raw_end ( &model->raw[i] )
			            : model->raw[i].addr );
			if ( ( model->raw[i].len != 0 ) && ( bound > start ) &&
			     ( bound < end ) &&
			     ( fuzz_model_type ( model, bound ) !=
			       MEMMAP_RAM ) )
				return 0;
		}
	}
	return 1;
}

/**
 * Whether a range is free throughout, by the model
 *
 * @v model		Model
 * @v start		Start
 * @v end		Exclusive end (above start)
 * @ret free		Nonzero if no byte is used
 */
static int fuzz_model_free ( const struct fuzz_model *model, uint64_t start,
                             uint64_t end ) {
	uint64_t bound;
	unsigned int i, j;

	if ( fuzz_model_used ( model, start ) )
		return 0;
	for ( i = 0; i < model->event_count; i++ ) {
		for ( j = 0; j < 2; j++ ) {
			bound = ( j ? model->event[i].end
			            : model->event[i].start );
			if ( ( bound > start ) && ( bound < end ) &&
			     fuzz_model_used ( model, bound ) )
				return 0;
		}
	}
	return 1;
}

/**
 * Whether a request fits at a place, by the model
 *
 * @v model		Model
 * @v req		Request
 * @v size		Size in pages
 * @v align		Alignment
 * @v addr		Place
 * @ret fits		Nonzero if it fits there
 */
static int fuzz_model_fits ( const struct fuzz_model *model,
                             const struct mem_request *req, uint64_t size,
                             uint64_t align, uint64_t addr ) {
	uint64_t max = ( req->max ? req->max : FUZZ_TOP );

	if ( ( addr & ( align - 1 ) ) || ( addr < req->min ) ||
	     ( size > ( FUZZ_TOP - addr ) ) || ( ( addr + size ) > max ) )
		return 0;
	return ( fuzz_model_ram ( model, addr, ( addr + size ) ) &&
	         fuzz_model_free ( model, addr, ( addr + size ) ) );
}

/**
 * Check that no candidate place beats an allocation (or that none fits)
 *
 * @v model		Model
 * @v req		Request
 * @v size		Size in pages
 * @v align		Alignment
 * @v found		Nonzero if the allocator found a place
 * @v phys		The place
 *
 * The best place always starts, or ends, where some entry, used range,
 * min or max does (then aligned): those are the candidates.
 */
static void fuzz_check_best ( const struct fuzz_model *model,
                              const struct mem_request *req, uint64_t size,
                              uint64_t align, int found, uint64_t phys ) {
	uint64_t bounds[2 * FUZZ_RAW_MAX + 2 * FUZZ_EVENTS_MAX + 2];
	uint64_t mask = ( align - 1 );
	uint64_t bound, addr;
	unsigned int count = 0;
	unsigned int i;

	for ( i = 0; i < model->raw_count; i++ ) {
		bounds[count++] = model->raw[i].addr;
		bounds[count++] = fuzz_raw_end ( &model->raw[i] );
	}
	for ( i = 0; i < model->event_count; i++ ) {
		bounds[count++] = model->event[i].start;
		bounds[count++] = model->event[i].end;
	}
	bounds[count++] = req->min;
	bounds[count++] = ( req->max ? req->max : FUZZ_TOP );

	for ( i = 0; i < count; i++ ) {
		bound = bounds[i];
		if ( req->high ) {
			if ( bound < size )
				continue;
			addr = ( ( bound - size ) & ~mask );
			if ( found && ( addr <= phys ) )
				continue;
		} else {
			if ( bound > ( FUZZ_TOP - mask ) )
				continue;
			addr = ( ( bound + mask ) & ~mask );
			if ( found && ( addr >= phys ) )
				continue;
		}
		if ( fuzz_model_fits ( model, req, size, align, addr ) )
			abort ();
	}
}

/**
 * Add an event to the model
 *
 * @v model		Model
 * @v start		Start
 * @v end		Exclusive end
 * @v mark		Nonzero for a mark
 */
static void fuzz_model_event ( struct fuzz_model *model, uint64_t start,
                               uint64_t end, int mark ) {
	struct fuzz_event *event = &model->event[model->event_count++];

	event->start = start;
	event->end = end;
	event->mark = mark;
}

/**
 * Round a length up to pages as the allocator does
 *
 * @v len		Length
 * @ret size		Pages in bytes, or 0 if it does not fit in 64 bits
 */
static uint64_t fuzz_page_round ( uint64_t len ) {
	if ( len > ( FUZZ_TOP - ( PAGE_SIZE - 1 ) ) )
		return 0;
	return ( ( len + PAGE_SIZE - 1 ) & ~( ( uint64_t )PAGE_SIZE - 1 ) );
}

/**
 * Run one allocation and check it
 *
 * @v model		Model
 * @v mm		Memory map
 * @v in		Input
 */
static void fuzz_op_alloc ( struct fuzz_model *model, struct memmap *mm,
                            struct fuzz_input *in ) {
	struct mem_request req;
	unsigned int flags = fuzz_take ( in, 1 );
	uint64_t size, align, phys = 0;
	int rc;

	memset ( &req, 0, sizeof ( req ) );
	req.size = ( ( flags & 0x80 ) ? fuzz_take ( in, 8 )
	                              : ( fuzz_take ( in, 2 ) << 8 ) );
	req.align = ( 1ULL << ( fuzz_take ( in, 1 ) % 64 ) );
	if ( flags & 0x40 )
		req.align |= 1;
	req.min = ( ( flags & 4 ) ? fuzz_take_addr ( in ) : 0 );
	req.max = ( ( flags & 8 ) ? fuzz_take_addr ( in ) : 0 );
	req.fixed = ( flags & 1 );
	req.high = ( flags & 2 );
	req.what = "fuzz";

	size = fuzz_page_round ( req.size );
	align = ( ( req.align > PAGE_SIZE ) ? req.align : PAGE_SIZE );
	rc = memmap_alloc ( mm, &req, &phys );

	if ( ( size == 0 ) || ( align & ( align - 1 ) ) ) {
		if ( rc != -XEINVAL )
			abort ();
		return;
	}
	if ( req.fixed ) {
		uint64_t max = ( req.max ? req.max : FUZZ_TOP );

		if ( ( req.min & ( PAGE_SIZE - 1 ) ) ||
		     ( size > ( FUZZ_TOP - req.min ) ) ||
		     ( ( req.min + size ) > max ) ) {
			if ( rc != -XEINVAL )
				abort ();
			return;
		}
		if ( ( rc == 0 ) !=
		     ( fuzz_model_ram ( model, req.min, ( req.min + size ) ) &&
		       fuzz_model_free ( model, req.min,
		                         ( req.min + size ) ) ) )
			abort ();
		if ( ( rc != 0 ) && ( rc != -XEOVERLAP ) )
			abort ();
		if ( ( rc == 0 ) && ( phys != req.min ) )
			abort ();
	} else {
		if ( ( rc != 0 ) && ( rc != -XENOROOM ) )
			abort ();
		if ( ( rc == 0 ) &&
		     !fuzz_model_fits ( model, &req, size, align, phys ) )
			abort ();
		fuzz_check_best ( model, &req, size, align, ( rc == 0 ), phys );
	}
	if ( rc == 0 ) {
		fuzz_model_event ( model, phys, ( phys + size ), 1 );
		model->alloc_start[model->alloc_count] = phys;
		model->alloc_len[model->alloc_count++] = req.size;
	}
}

/**
 * Run one reservation
 *
 * @v model		Model
 * @v mm		Memory map
 * @v in		Input
 */
static void fuzz_op_reserve ( struct fuzz_model *model, struct memmap *mm,
                              struct fuzz_input *in ) {
	uint64_t start = fuzz_take_addr ( in );
	uint64_t len = fuzz_take_addr ( in );
	uint64_t end =
	        ( ( len > ( FUZZ_TOP - start ) ) ? FUZZ_TOP : ( start + len ) );

	if ( memmap_reserve ( mm, start, len, "reserved" ) != 0 )
		abort ();
	if ( len ) {
		fuzz_model_event ( model, start, end, 0 );
		fuzz_model_event ( model, start, end, 1 );
	}
}

/**
 * Free an earlier allocation, or any range
 *
 * @v model		Model
 * @v mm		Memory map
 * @v in		Input
 */
static void fuzz_op_free ( struct fuzz_model *model, struct memmap *mm,
                           struct fuzz_input *in ) {
	unsigned int pick = fuzz_take ( in, 1 );
	uint64_t start, len, size, end;

	if ( ( pick & 0x80 ) || ( model->alloc_count == 0 ) ) {
		start = fuzz_take_addr ( in );
		len = fuzz_take_addr ( in );
	} else {
		pick %= model->alloc_count;
		start = model->alloc_start[pick];
		len = model->alloc_len[pick];
	}
	size = fuzz_page_round ( len );
	end = ( ( size > ( FUZZ_TOP - start ) ) ? FUZZ_TOP : ( start + size ) );
	if ( memmap_free ( mm, start, len ) != 0 )
		abort ();
	if ( end > start )
		fuzz_model_event ( model, start, end, 0 );
}

/**
 * Ask whether a range is RAM
 *
 * @v model		Model
 * @v mm		Memory map
 * @v in		Input
 */
static void fuzz_op_is_ram ( struct fuzz_model *model, struct memmap *mm,
                             struct fuzz_input *in ) {
	uint64_t start = fuzz_take_addr ( in );
	uint64_t len = fuzz_take_addr ( in );
	int expect;

	if ( len > ( FUZZ_TOP - start ) )
		expect = 0;
	else if ( len == 0 ) /* RAM if it touches RAM, even at its end */
		expect = ( ( fuzz_model_type ( model, start ) == MEMMAP_RAM ) ||
		           ( start &&
		             ( fuzz_model_type ( model, ( start - 1 ) ) ==
		               MEMMAP_RAM ) ) );
	else
		expect = fuzz_model_ram ( model, start, ( start + len ) );
	if ( memmap_is_ram ( mm, start, len ) != expect )
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
	static struct memmap mm;
	static struct fuzz_model model;
	struct fuzz_input in;
	unsigned int ops, i;

	fuzz_input_init ( &in, data, size );
	memset ( &model, 0, sizeof ( model ) );
	model.raw_count = ( fuzz_take ( &in, 1 ) % ( FUZZ_RAW_MAX + 1 ) );
	for ( i = 0; i < model.raw_count; i++ ) {
		model.raw[i].addr = fuzz_take_addr ( &in );
		model.raw[i].len = fuzz_take_addr ( &in );
		model.raw[i].type = fuzz_take ( &in, 1 );
	}
	memmap_init ( &mm );
	if ( memmap_load ( &mm, model.raw, model.raw_count ) != 0 )
		abort ();
	fuzz_check_map ( &model, &mm );

	for ( ops = 0; ( ops < FUZZ_OPS_MAX ) && in.size; ops++ ) {
		switch ( fuzz_take ( &in, 1 ) % 4 ) {
		case 0:
			fuzz_op_alloc ( &model, &mm, &in );
			break;
		case 1:
			fuzz_op_reserve ( &model, &mm, &in );
			break;
		case 2:
			fuzz_op_free ( &model, &mm, &in );
			break;
		default:
			fuzz_op_is_ram ( &model, &mm, &in );
			break;
		}
		fuzz_check_used ( &model, &mm );
	}
	return 0;
}
