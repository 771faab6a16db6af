/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the MCFG decoder (mcfg.c)
 *
 * The input is one MCFG table (signature and length forced).  It is
 * decoded and written as JSON; the sanitizers catch any read outside the
 * table or the arena.  Every allocation decoded is compared with the
 * table's bytes, and pci_ecam_find() on the windows mcfg_windows() gives
 * with a first-match search over the allocations, for the edges of the
 * bus ranges of the first 32.  Seeds: the .bin files of
 * tests/corpus/acpi/MCFG.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <xenmb/errors.h>
#include <xenmb/mcfg.h>
#include <xenmb/pci.h>
#include "fuzz_acpitab.h"
#include "fuzz_input.h"

/** Where the allocations start, and the size of one */
#define FUZZ_MCFG_START 44
#define FUZZ_MCFG_ALLOC 16

/** Allocations whose bus ranges are looked up */
#define FUZZ_MCFG_LOOKUPS 32

/**
 * Find the first allocation covering a bus, the slow way
 *
 * @v mcfg		Decoded table
 * @v segment		Segment
 * @v bus		Bus
 * @ret alloc		Allocation, or NULL
 */
static const struct mcfg_alloc *
fuzz_find ( const struct mcfg *mcfg, unsigned int segment, unsigned int bus ) {
	const struct mcfg_alloc *alloc;
	unsigned int i;

	for ( i = 0; i < mcfg->count; i++ ) {
		alloc = &mcfg->alloc[i];
		if ( ( alloc->segment == segment ) &&
		     ( alloc->bus_start <= bus ) && ( bus <= alloc->bus_end ) )
			return alloc;
	}
	return NULL;
}

/**
 * Check that a window is the allocation the slow search found
 *
 * @v ecam		Window pci_ecam_find returned, or NULL
 * @v alloc		Allocation fuzz_find returned, or NULL
 * @ret same		Nonzero if both are NULL or they describe the same range
 */
static int fuzz_same ( const struct pci_ecam *ecam,
                       const struct mcfg_alloc *alloc ) {
	if ( !ecam || !alloc )
		return ( ecam == NULL ) && ( alloc == NULL );
	return ( ( ecam->base == alloc->base ) &&
	         ( ecam->segment == alloc->segment ) &&
	         ( ecam->bus_start == alloc->bus_start ) &&
	         ( ecam->bus_end == alloc->bus_end ) );
}

/**
 * Check the decoded allocations and the lookup
 *
 * @v table		The table
 * @v arena		Arena
 */
static void fuzz_check ( const struct acpi_table *table, struct arena *arena ) {
	static const int delta[] = { -1, 0, 1 };
	const struct mcfg_alloc *alloc;
	const uint8_t *entry;
	struct pci_ecam *windows;
	struct mcfg *mcfg;
	unsigned int count;
	unsigned int edge[2];
	unsigned int i, j, k;
	int rc;

	rc = mcfg_parse ( table, arena, &mcfg );
	if ( table->length < FUZZ_MCFG_START ) {
		if ( rc != -XEACPILEN )
			abort ();
		return;
	}
	if ( rc != 0 ) {
		if ( rc != -XENOMEM )
			abort ();
		return;
	}
	if ( ( mcfg->count !=
	       ( ( table->length - FUZZ_MCFG_START ) / FUZZ_MCFG_ALLOC ) ) ||
	     ( mcfg->trailing !=
	       ( ( table->length - FUZZ_MCFG_START ) % FUZZ_MCFG_ALLOC ) ) )
		abort ();
	windows = malloc ( ( mcfg->count + 1 ) * sizeof ( windows[0] ) );
	if ( !windows )
		abort ();
	count = mcfg_windows ( mcfg, windows, mcfg->count );
	for ( i = 0; i < mcfg->count; i++ ) {
		alloc = &mcfg->alloc[i];
		entry = ( table->data + FUZZ_MCFG_START +
		          ( i * FUZZ_MCFG_ALLOC ) );
		if ( ( alloc->offset !=
		       ( FUZZ_MCFG_START + ( i * FUZZ_MCFG_ALLOC ) ) ) ||
		     ( alloc->base != fuzz_get_le ( entry, 8 ) ) ||
		     ( alloc->segment != fuzz_get_le ( entry + 8, 2 ) ) ||
		     ( alloc->bus_start != entry[10] ) ||
		     ( alloc->bus_end != entry[11] ) )
			abort ();
		/* Each edge of its range, and the buses either side (for
		 * the first allocations only: each lookup walks them all) */
		if ( i >= FUZZ_MCFG_LOOKUPS )
			continue;
		edge[0] = alloc->bus_start;
		edge[1] = alloc->bus_end;
		for ( j = 0; j < 2; j++ ) {
			for ( k = 0; k < 3; k++ ) {
				unsigned int bus =
				        ( ( edge[j] + delta[k] ) & 0xff );

				if ( !fuzz_same (
				             pci_ecam_find ( windows, count,
				                             alloc->segment,
				                             bus ),
				             fuzz_find ( mcfg, alloc->segment,
				                         bus ) ) )
					abort ();
			}
		}
	}
	free ( windows );
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct acpi_tables tables;
	const struct acpi_table *table;
	struct arena arena;

	table = fuzz_table ( data, size, "MCFG", &tables, &arena );
	if ( table ) {
		fuzz_report ( &tables, &arena );
		fuzz_check ( table, &arena );
	}
	return 0;
}
