/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI table discovery and the common table header
 *
 * The carriers find the RSDP (BIOS search, EFI configuration table) or
 * read table files (Linux sysfs, --tables DIR); either way the result is
 * one struct acpi_tables holding a checked in-memory copy of every table.
 * The IOMMU parsers (dmar.h, ivrs.h, viot.h, mcfg.h) then decode copies
 * from it.  All multi-byte fields are read byte by byte (le.h), so no
 * table needs to be aligned.
 */
#ifndef XENMB_ACPI_H
#define XENMB_ACPI_H

#include <stddef.h>
#include <stdint.h>
#include <xenmb/le.h>

struct arena;
struct platform;
struct json;

/** Size of the common ACPI table header */
#define ACPI_HEADER_LEN 36

/** Largest table accepted, in bytes (real DMAR/IVRS are a few KiB) */
#define ACPI_TABLE_MAX ( 1024 * 1024 )

/** Most tables collected from one RSDT/XSDT or directory */
#define ACPI_MAX_TABLES 128

/** Most unknown sub-structures recorded per table (more are counted) */
#define ACPI_UNKNOWN_MAX 16

/** One table, as collected */
struct acpi_table {
	/** Signature, NUL terminated */
	char signature[5];
	/** OEM ID, NUL terminated */
	char oem_id[7];
	/** OEM table ID, NUL terminated */
	char oem_table_id[9];
	/** Revision */
	uint8_t revision;
	/** Checksum byte as stored */
	uint8_t checksum;
	/** Nonzero if all bytes sum to zero */
	int checksum_ok;
	/** OEM revision */
	uint32_t oem_revision;
	/** Physical address (0 when read from a file) */
	uint64_t phys;
	/** Length from the header (equals the bytes held in @c data) */
	uint32_t length;
	/** In-memory copy of the whole table */
	const uint8_t *data;
};

/** Every table found */
struct acpi_tables {
	/** Physical address of the RSDP, or 0 */
	uint64_t rsdp;
	/** RSDP revision (0: ACPI 1.0, RSDT only; 2: XSDT available) */
	uint8_t rsdp_revision;
	/** Nonzero if the tables were found through the XSDT */
	int via_xsdt;
	/** Physical address of the RSDT or XSDT walked, or 0 */
	uint64_t root;
	/** Number of tables in @c table */
	unsigned int count;
	/** Entries of the root table that could not be read or checked */
	unsigned int bad;
	/** The tables, in root-table (or directory) order */
	struct acpi_table table[ACPI_MAX_TABLES];
};

/** A sub-structure a parser did not know, skipped by its length */
struct acpi_unknown {
	/** Type as stored */
	uint16_t type;
	/** Length as stored */
	uint16_t length;
	/** Offset from the start of the table */
	uint32_t offset;
};

/** What a parser's walk over the sub-structures met */
struct acpi_walk {
	/** 0, or the error that stopped the walk (e.g. -XEACPISUB) */
	int rc;
	/** Offset of the structure that stopped the walk */
	uint32_t error_offset;
	/** What was wrong there (a short phrase), or NULL */
	const char *error_what;
	/** Number of unknown structures met (may exceed ACPI_UNKNOWN_MAX) */
	unsigned int unknown_count;
	/** The first ACPI_UNKNOWN_MAX unknown structures */
	struct acpi_unknown unknown[ACPI_UNKNOWN_MAX];
};

/**
 * Sum bytes modulo 256
 *
 * @v data		Data
 * @v len		Length
 * @ret sum		Sum (0 for a correct ACPI checksum)
 */
uint8_t acpi_checksum ( const void *data, size_t len );

/**
 * Check a table image and add a copy of it to the collection
 *
 * @v tables		Collection
 * @v arena		Memory for the copy
 * @v data		Table image
 * @v len		Bytes available at @c data
 * @v phys		Physical address (0 for a file)
 * @ret rc		0, -XEACPILEN (header length impossible or beyond
 *			@c len), -XENOSPC (collection full), -XENOMEM
 *
 * A wrong checksum is recorded (checksum_ok = 0), not refused.
 */
int acpi_tables_add ( struct acpi_tables *tables, struct arena *arena,
                      const void *data, size_t len, uint64_t phys );

/**
 * Find the tables through the RSDP, reading physical memory
 *
 * @v tables		Collection to fill (cleared first)
 * @v plat		Platform: phys_read and rsdp are used
 * @v arena		Memory for the table copies
 * @ret rc		0 (tables that could not be read are counted in
 *			@c tables->bad), or -XENORSDP, -XEACPISUM,
 *			-XEACPISIG, -XEACPILEN for a broken RSDP / root table
 *
 * The XSDT is walked when the RSDP is revision 2 or later and its
 * address is nonzero and the XSDT is sound; otherwise the RSDT.
 */
int acpi_discover ( struct acpi_tables *tables, struct platform *plat,
                    struct arena *arena );

/**
 * Find a table by signature
 *
 * @v tables		Collection
 * @v signature		Four-character signature
 * @v index		Which one, from 0 (some tables repeat, e.g. SSDT)
 * @ret table		Table, or NULL
 */
const struct acpi_table *acpi_find ( const struct acpi_tables *tables,
                                     const char *signature,
                                     unsigned int index );

/**
 * Record an unknown sub-structure in a walk status
 *
 * @v walk		Walk status
 * @v type		Type
 * @v length		Length
 * @v offset		Offset in the table
 */
void acpi_walk_unknown ( struct acpi_walk *walk, unsigned int type,
                         unsigned int length, uint32_t offset );

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
                     const char *what );

/**
 * Write the "acpi" part of the JSON report (the value only)
 *
 * @v tables		Collection
 * @v json		JSON writer, positioned where the value goes
 */
void acpi_json ( const struct acpi_tables *tables, struct json *json );

/**
 * Write a walk status (unknown structures, error) as JSON members
 *
 * @v walk		Walk status
 * @v json		JSON writer, inside an object
 */
void acpi_walk_json ( const struct acpi_walk *walk, struct json *json );

#endif /* XENMB_ACPI_H */
