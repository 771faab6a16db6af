/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz helper: turn an input into a collected ACPI table and decode it
 *
 * The input's first four bytes are replaced by the signature under test
 * and its length field by the input's size, so that the fuzzer spends its
 * time inside the sub-structures rather than on the header.  The decoded
 * result is also written as JSON, which walks every decoded pointer.
 */
#ifndef FUZZ_ACPITAB_H
#define FUZZ_ACPITAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/arena.h>
#include <xenmb/acpi.h>
#include <xenmb/iommuprobe.h>
#include <xenmb/probereport.h>
#include <xenmb/json.h>

/** Arena for one input */
static uint8_t fuzz_arena_buf[8 * 1024 * 1024];

/** JSON output for one input */
static char fuzz_json_buf[1024 * 1024];

/** Table image for one input */
static uint8_t fuzz_image[ACPI_TABLE_MAX];

/**
 * Collect an input as a table with a given signature
 *
 * @v data		Input
 * @v size		Length
 * @v signature		Signature to force
 * @v tables		Collection to fill
 * @v arena		Arena to set up
 * @ret table		Table, or NULL if the input cannot be one
 */
static inline const struct acpi_table *
fuzz_table ( const uint8_t *data, size_t size, const char *signature,
             struct acpi_tables *tables, struct arena *arena ) {
	uint32_t len = ( uint32_t )size;

	if ( ( size < ACPI_HEADER_LEN ) || ( size > ACPI_TABLE_MAX ) )
		return NULL;
	memcpy ( fuzz_image, data, size );
	memcpy ( fuzz_image, signature, 4 );
	fuzz_image[4] = ( uint8_t )len;
	fuzz_image[5] = ( uint8_t )( len >> 8 );
	fuzz_image[6] = ( uint8_t )( len >> 16 );
	fuzz_image[7] = ( uint8_t )( len >> 24 );
	memset ( tables, 0, sizeof ( *tables ) );
	arena_init ( arena, fuzz_arena_buf, sizeof ( fuzz_arena_buf ) );
	if ( acpi_tables_add ( tables, arena, fuzz_image, size, 0 ) != 0 )
		return NULL;
	return &tables->table[0];
}

/**
 * Write the decoded tables as JSON and check the writer's bookkeeping
 *
 * @v tables		Collection
 * @v arena		Arena
 */
static inline void fuzz_report ( const struct acpi_tables *tables,
                                 struct arena *arena ) {
	struct acpi_iommu iommu;
	struct json json;

	if ( acpi_parse_iommu ( &iommu, tables, arena ) != 0 )
		return;
	json_init_buffer ( &json, fuzz_json_buf, sizeof ( fuzz_json_buf ) );
	json_object_open ( &json, NULL );
	acpi_iommu_json ( &iommu, &json );
	json_object_close ( &json );
	if ( ( json_finish ( &json ) == 0 ) &&
	     ( strlen ( fuzz_json_buf ) != json.len ) )
		__builtin_trap ();
}

#endif /* FUZZ_ACPITAB_H */
