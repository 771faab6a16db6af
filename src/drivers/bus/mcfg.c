/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI MCFG table decoder
 *
 * The allocations follow an 8-byte reserved field after the header, 16
 * bytes each; bytes after the last whole allocation are counted, not read.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/json.h>
#include <xenmb/acpi.h>
#include <xenmb/mcfg.h>
#include <xenmb/pci.h>

/** Offset of the first allocation */
#define MCFG_ALLOC_START 44

/** Size of one allocation */
#define MCFG_ALLOC_LEN 16

/**
 * Decode an MCFG table
 *
 * @v table		Table (signature "MCFG")
 * @v arena		Memory for the decoded structures
 * @ret mcfg		Decoded table
 * @ret rc		0, -XEACPISIG, -XEACPILEN, -XENOMEM
 */
int mcfg_parse ( const struct acpi_table *table, struct arena *arena,
                 struct mcfg **mcfg ) {
	struct mcfg *result;
	struct mcfg_alloc *alloc;
	const uint8_t *entry;
	unsigned int count;
	unsigned int i;

	*mcfg = NULL;
	if ( memcmp ( table->signature, "MCFG", 4 ) != 0 )
		return -XEACPISIG;
	if ( table->length < MCFG_ALLOC_START )
		return -XEACPILEN;
	count = ( ( table->length - MCFG_ALLOC_START ) / MCFG_ALLOC_LEN );
	if ( !( result = arena_alloc ( arena, sizeof ( *result ) ) ) )
		return -XENOMEM;
	if ( !( result->alloc = arena_alloc_array ( arena, count,
	                                            sizeof ( *alloc ) ) ) )
		return -XENOMEM;
	result->table = table;
	result->checksum_ok = table->checksum_ok;
	result->count = count;
	result->trailing =
	        ( ( table->length - MCFG_ALLOC_START ) % MCFG_ALLOC_LEN );
	for ( i = 0; i < count; i++ ) {
		alloc = &result->alloc[i];
		alloc->offset = ( MCFG_ALLOC_START + ( i * MCFG_ALLOC_LEN ) );
		entry = ( table->data + alloc->offset );
		alloc->base = le_get64 ( entry );
		alloc->segment = le_get16 ( entry + 8 );
		alloc->bus_start = entry[10];
		alloc->bus_end = entry[11];
	}
	*mcfg = result;
	return 0;
}

/**
 * Give the ECAM windows of the allocations that decode a bus
 *
 * @v mcfg		Decoded table
 * @v windows		Windows to fill
 * @v max		Room in @c windows
 * @ret count		Windows filled (allocations whose last bus is below
 *			their first are left out; pci_ecam_find looks a bus
 *			up in them)
 */
unsigned int mcfg_windows ( const struct mcfg *mcfg, struct pci_ecam *windows,
                            unsigned int max ) {
	const struct mcfg_alloc *alloc;
	struct pci_ecam *ecam;
	unsigned int count = 0;
	unsigned int i;

	for ( i = 0; ( i < mcfg->count ) && ( count < max ); i++ ) {
		alloc = &mcfg->alloc[i];
		if ( alloc->bus_end < alloc->bus_start )
			continue;
		ecam = &windows[count++];
		ecam->base = alloc->base;
		ecam->segment = alloc->segment;
		ecam->bus_start = alloc->bus_start;
		ecam->bus_end = alloc->bus_end;
	}
	return count;
}

/**
 * Write the "mcfg" part of the JSON report (the value only)
 *
 * @v mcfg		Decoded table, or NULL (writes null)
 * @v json		JSON writer
 */
void mcfg_json ( const struct mcfg *mcfg, struct json *json ) {
	const struct mcfg_alloc *alloc;
	unsigned int i;

	if ( !mcfg ) {
		json_null ( json, NULL );
		return;
	}
	json_array_open ( json, NULL );
	for ( i = 0; i < mcfg->count; i++ ) {
		alloc = &mcfg->alloc[i];
		json_object_open ( json, NULL );
		json_hex ( json, "base", alloc->base );
		json_uint ( json, "segment", alloc->segment );
		json_uint ( json, "bus_start", alloc->bus_start );
		json_uint ( json, "bus_end", alloc->bus_end );
		json_object_close ( json );
	}
	json_array_close ( json );
}
