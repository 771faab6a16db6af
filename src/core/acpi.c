/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI table discovery
 *
 * Follows the RSDP to the XSDT (or the RSDT), checks each table's header,
 * length and checksum, and keeps a copy of every table in an arena.  The
 * table-file carriers (Linux sysfs, --tables DIR) add their files through
 * acpi_tables_add() and end with the same struct acpi_tables.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/platform.h>
#include <xenmb/json.h>
#include <xenmb/acpi.h>

/** RSDP signature */
#define RSDP_SIGNATURE "RSD PTR "

/** Length covered by the ACPI 1.0 RSDP checksum */
#define RSDP_V1_LEN 20

/** Length of the ACPI 2.0 RSDP */
#define RSDP_V2_LEN 36

/** Largest extended RSDP length accepted */
#define RSDP_MAX_LEN 64

/**
 * Sum bytes modulo 256
 *
 * @v data		Data
 * @v len		Length
 * @ret sum		Sum (0 for a correct ACPI checksum)
 */
uint8_t acpi_checksum ( const void *data, size_t len ) {
	const uint8_t *bytes = data;
	uint8_t sum = 0;

	while ( len-- )
		sum += *( bytes++ );
	return sum;
}

/**
 * Copy a fixed-width ID field into a NUL-terminated string
 *
 * @v dest		Destination (len + 1 bytes)
 * @v src		Field
 * @v len		Field width
 */
static void acpi_copy_id ( char *dest, const uint8_t *src, size_t len ) {
	memcpy ( dest, src, len );
	dest[len] = '\0';
}

/**
 * Check a table header against the bytes available
 *
 * @v data		Table image
 * @v len		Bytes available
 * @ret rc		0 or -XEACPILEN
 */
static int acpi_check_length ( const uint8_t *data, size_t len ) {
	uint32_t length;

	if ( len < ACPI_HEADER_LEN )
		return -XEACPILEN;
	length = le_get32 ( data + 4 );
	if ( ( length < ACPI_HEADER_LEN ) || ( length > ACPI_TABLE_MAX ) ||
	     ( length > len ) )
		return -XEACPILEN;
	return 0;
}

/**
 * Record a table whose image the collection may keep as it is
 *
 * @v tables		Collection
 * @v data		Table image (checked with acpi_check_length)
 * @v phys		Physical address (0 for a file)
 * @ret rc		0 or -XENOSPC
 */
static int acpi_tables_record ( struct acpi_tables *tables, const uint8_t *data,
                                uint64_t phys ) {
	struct acpi_table *table;
	uint32_t length = le_get32 ( data + 4 );

	if ( tables->count >= ACPI_MAX_TABLES )
		return -XENOSPC;
	table = &tables->table[tables->count++];
	memset ( table, 0, sizeof ( *table ) );
	acpi_copy_id ( table->signature, data, 4 );
	table->length = length;
	table->revision = data[8];
	table->checksum = data[9];
	acpi_copy_id ( table->oem_id, ( data + 10 ), 6 );
	acpi_copy_id ( table->oem_table_id, ( data + 16 ), 8 );
	table->oem_revision = le_get32 ( data + 24 );
	table->checksum_ok = ( acpi_checksum ( data, length ) == 0 );
	table->phys = phys;
	table->data = data;
	return 0;
}

/**
 * Check a table image and add a copy of it to the collection
 *
 * @v tables		Collection
 * @v arena		Memory for the copy
 * @v data		Table image
 * @v len		Bytes available at @c data
 * @v phys		Physical address (0 for a file)
 * @ret rc		0, -XEACPILEN, -XENOSPC, -XENOMEM
 */
int acpi_tables_add ( struct acpi_tables *tables, struct arena *arena,
                      const void *data, size_t len, uint64_t phys ) {
	uint8_t *copy;
	uint32_t length;
	int rc;

	if ( ( rc = acpi_check_length ( data, len ) ) != 0 )
		return rc;
	if ( tables->count >= ACPI_MAX_TABLES )
		return -XENOSPC;
	length = le_get32 ( ( const uint8_t * )data + 4 );
	if ( !( copy = arena_alloc ( arena, length ) ) )
		return -XENOMEM;
	memcpy ( copy, data, length );
	return acpi_tables_record ( tables, copy, phys );
}

/**
 * Read a whole table from physical memory into the arena
 *
 * @v plat		Platform
 * @v arena		Memory for the copy
 * @v phys		Physical address of the table
 * @v data		Copy, on success
 * @ret rc		0, -XEIO, -XEACPILEN, -XENOMEM
 */
static int acpi_read_table ( struct platform *plat, struct arena *arena,
                             uint64_t phys, uint8_t **data ) {
	uint8_t header[ACPI_HEADER_LEN];
	uint32_t length;
	uint8_t *copy;
	int rc;

	/* Read the header for the length, then the whole table */
	if ( ( !phys ) || ( !plat->phys_read ) )
		return -XEIO;
	if ( plat->phys_read ( plat, phys, header, sizeof ( header ) ) != 0 )
		return -XEIO;
	length = le_get32 ( header + 4 );
	if ( ( length < ACPI_HEADER_LEN ) || ( length > ACPI_TABLE_MAX ) )
		return -XEACPILEN;
	if ( !( copy = arena_alloc ( arena, length ) ) )
		return -XENOMEM;
	if ( plat->phys_read ( plat, phys, copy, length ) != 0 )
		return -XEIO;
	if ( ( rc = acpi_check_length ( copy, length ) ) != 0 )
		return rc;
	*data = copy;
	return 0;
}

/**
 * Read and check the RSDP
 *
 * @v tables		Collection (rsdp, rsdp_revision are filled)
 * @v plat		Platform
 * @v rsdt		RSDT address, on success
 * @v xsdt		XSDT address (0 if none or not trustworthy)
 * @ret rc		0, -XENORSDP, -XEACPISIG, -XEACPISUM, -XEIO
 */
static int acpi_read_rsdp ( struct acpi_tables *tables, struct platform *plat,
                            uint64_t *rsdt, uint64_t *xsdt ) {
	uint8_t rsdp[RSDP_V2_LEN];
	uint8_t ext[RSDP_MAX_LEN];
	uint32_t length;

	*rsdt = 0;
	*xsdt = 0;
	if ( ( !plat->rsdp ) || ( !plat->phys_read ) )
		return -XENORSDP;
	tables->rsdp = plat->rsdp;

	/* ACPI 1.0 part */
	if ( plat->phys_read ( plat, plat->rsdp, rsdp, RSDP_V1_LEN ) != 0 )
		return -XEIO;
	if ( memcmp ( rsdp, RSDP_SIGNATURE, 8 ) != 0 )
		return -XEACPISIG;
	if ( acpi_checksum ( rsdp, RSDP_V1_LEN ) != 0 )
		return -XEACPISUM;
	tables->rsdp_revision = rsdp[15];
	*rsdt = le_get32 ( rsdp + 16 );
	if ( rsdp[15] < 2 )
		return 0;

	/* ACPI 2.0 part: trust the XSDT only if its checksum holds */
	if ( plat->phys_read ( plat, plat->rsdp, rsdp, RSDP_V2_LEN ) != 0 )
		return 0;
	length = le_get32 ( rsdp + 20 );
	if ( ( length < RSDP_V2_LEN ) || ( length > RSDP_MAX_LEN ) )
		return 0;
	if ( plat->phys_read ( plat, plat->rsdp, ext, length ) != 0 )
		return 0;
	if ( acpi_checksum ( ext, length ) != 0 )
		return 0;
	*xsdt = le_get64 ( rsdp + 24 );
	return 0;
}

/**
 * Read a root table (RSDT or XSDT) and record it
 *
 * @v tables		Collection
 * @v plat		Platform
 * @v arena		Memory
 * @v phys		Address of the root table
 * @v signature		"RSDT" or "XSDT"
 * @v root		Copy of the root table, on success
 * @ret rc		0 or negative
 */
static int acpi_read_root ( struct acpi_tables *tables, struct platform *plat,
                            struct arena *arena, uint64_t phys,
                            const char *signature, uint8_t **root ) {
	int rc;

	if ( ( rc = acpi_read_table ( plat, arena, phys, root ) ) != 0 )
		return rc;
	if ( memcmp ( *root, signature, 4 ) != 0 )
		return -XEACPISIG;
	return acpi_tables_record ( tables, *root, phys );
}

/**
 * Find the tables through the RSDP, reading physical memory
 *
 * @v tables		Collection to fill (cleared first)
 * @v plat		Platform: phys_read and rsdp are used
 * @v arena		Memory for the table copies
 * @ret rc		0, or -XENORSDP, -XEACPISUM, -XEACPISIG, -XEACPILEN
 */
int acpi_discover ( struct acpi_tables *tables, struct platform *plat,
                    struct arena *arena ) {
	uint64_t rsdt_phys;
	uint64_t xsdt_phys;
	uint64_t entry;
	uint8_t *root = NULL;
	uint8_t *data;
	unsigned int width;
	unsigned int count;
	unsigned int i;
	int rc;

	memset ( tables, 0, sizeof ( *tables ) );
	if ( ( rc = acpi_read_rsdp ( tables, plat, &rsdt_phys, &xsdt_phys ) ) !=
	     0 )
		return rc;

	/* Prefer the XSDT, fall back to the RSDT */
	width = 8;
	if ( ( !xsdt_phys ) ||
	     ( acpi_read_root ( tables, plat, arena, xsdt_phys, "XSDT",
	                        &root ) != 0 ) ) {
		tables->count = 0;
		width = 4;
		if ( ( rc = acpi_read_root ( tables, plat, arena, rsdt_phys,
		                             "RSDT", &root ) ) != 0 )
			return rc;
	}
	tables->via_xsdt = ( width == 8 );
	tables->root = tables->table[0].phys;

	/* Walk the entries */
	count = ( ( le_get32 ( root + 4 ) - ACPI_HEADER_LEN ) / width );
	for ( i = 0; i < count; i++ ) {
		data = ( root + ACPI_HEADER_LEN + ( i * width ) );
		entry = ( ( width == 8 ) ? le_get64 ( data )
		                         : le_get32 ( data ) );
		if ( ( acpi_read_table ( plat, arena, entry, &data ) != 0 ) ||
		     ( acpi_tables_record ( tables, data, entry ) != 0 ) )
			tables->bad++;
	}
	return 0;
}

/**
 * Find a table by signature
 *
 * @v tables		Collection
 * @v signature		Four-character signature
 * @v index		Which one, from 0
 * @ret table		Table, or NULL
 */
const struct acpi_table *acpi_find ( const struct acpi_tables *tables,
                                     const char *signature,
                                     unsigned int index ) {
	unsigned int i;

	for ( i = 0; i < tables->count; i++ ) {
		if ( memcmp ( tables->table[i].signature, signature, 4 ) != 0 )
			continue;
		if ( index-- == 0 )
			return &tables->table[i];
	}
	return NULL;
}

/**
 * Record an unknown sub-structure in a walk status
 *
 * @v walk		Walk status
 * @v type		Type
 * @v length		Length
 * @v offset		Offset in the table
 */
void acpi_walk_unknown ( struct acpi_walk *walk, unsigned int type,
                         unsigned int length, uint32_t offset ) {
	struct acpi_unknown *unknown;

	if ( walk->unknown_count < ACPI_UNKNOWN_MAX ) {
		unknown = &walk->unknown[walk->unknown_count];
		unknown->type = ( uint16_t )type;
		unknown->length = ( uint16_t )length;
		unknown->offset = offset;
	}
	walk->unknown_count++;
}

/**
 * Record the error that stops a walk
 *
 * @v walk		Walk status
 * @v rc		Error (negative)
 * @v offset		Offset in the table
 * @v what		Short phrase saying what is wrong
 * @ret rc		@c rc
 */
int acpi_walk_fail ( struct acpi_walk *walk, int rc, uint32_t offset,
                     const char *what ) {
	if ( !walk->rc ) {
		walk->rc = rc;
		walk->error_offset = offset;
		walk->error_what = what;
	}
	return rc;
}

/**
 * Write the "acpi" part of the JSON report (the value only)
 *
 * @v tables		Collection
 * @v json		JSON writer, positioned where the value goes
 */
void acpi_json ( const struct acpi_tables *tables, struct json *json ) {
	const struct acpi_table *table;
	unsigned int i;

	json_object_open ( json, NULL );
	if ( tables->rsdp )
		json_hex ( json, "rsdp", tables->rsdp );
	else
		json_null ( json, "rsdp" );
	json_string ( json, "root",
	              ( tables->root ? ( tables->via_xsdt ? "XSDT" : "RSDT" )
	                             : NULL ) );
	json_array_open ( json, "tables" );
	for ( i = 0; i < tables->count; i++ )
		json_string ( json, NULL, tables->table[i].signature );
	json_array_close ( json );
	json_array_open ( json, "details" );
	for ( i = 0; i < tables->count; i++ ) {
		table = &tables->table[i];
		json_object_open ( json, NULL );
		json_string ( json, "signature", table->signature );
		json_hex ( json, "address", table->phys );
		json_uint ( json, "length", table->length );
		json_uint ( json, "revision", table->revision );
		json_bool ( json, "checksum_ok", table->checksum_ok );
		json_string ( json, "oem_id", table->oem_id );
		json_string ( json, "oem_table_id", table->oem_table_id );
		json_object_close ( json );
	}
	json_array_close ( json );
	json_uint ( json, "unreadable", tables->bad );
	json_object_close ( json );
}

/**
 * Write a walk status (unknown structures, error) as JSON members
 *
 * @v walk		Walk status
 * @v json		JSON writer, inside an object
 */
void acpi_walk_json ( const struct acpi_walk *walk, struct json *json ) {
	const struct acpi_unknown *unknown;
	unsigned int shown;
	unsigned int i;

	shown = ( ( walk->unknown_count < ACPI_UNKNOWN_MAX )
	                  ? walk->unknown_count
	                  : ACPI_UNKNOWN_MAX );
	json_array_open ( json, "unknown" );
	for ( i = 0; i < shown; i++ ) {
		unknown = &walk->unknown[i];
		json_object_open ( json, NULL );
		json_hex ( json, "type", unknown->type );
		json_hex ( json, "offset", unknown->offset );
		json_uint ( json, "length", unknown->length );
		json_object_close ( json );
	}
	json_array_close ( json );
	json_uint ( json, "unknown_count", walk->unknown_count );
	if ( walk->rc ) {
		json_object_open ( json, "error" );
		json_hex ( json, "offset", walk->error_offset );
		json_string ( json, "what", walk->error_what );
		json_string ( json, "message", xenmb_strerror ( walk->rc ) );
		json_object_close ( json );
	} else {
		json_null ( json, "error" );
	}
}
