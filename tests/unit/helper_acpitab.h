/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Test helper: build ACPI tables byte by byte
 *
 * Tests write each field at its place, little-endian, then close the
 * table (length and checksum filled in), and decode it.  The expected
 * values are the ones the test wrote, not output of the code under test.
 */
#ifndef HELPER_ACPITAB_H
#define HELPER_ACPITAB_H

#include <stddef.h>
#include <stdint.h>
#include <xenmb/acpi.h>

/** Largest table a test builds */
#define TAB_MAX ( 256 * 1024 )

/** A table under construction */
struct tab {
	/** Bytes */
	uint8_t buf[TAB_MAX];
	/** Bytes written so far */
	size_t len;
};

/**
 * Start a table: header with signature, OEM fields, zero length
 *
 * @v tab		Table
 * @v signature		Four characters
 * @v revision		Revision
 */
void tab_start ( struct tab *tab, const char *signature, uint8_t revision );

/**
 * Append little-endian fields
 *
 * @v tab		Table
 * @v value		Value
 * @ret offset		Offset where the field was written
 */
size_t tab_u8 ( struct tab *tab, uint8_t value );
size_t tab_u16 ( struct tab *tab, uint16_t value );
size_t tab_u32 ( struct tab *tab, uint32_t value );
size_t tab_u64 ( struct tab *tab, uint64_t value );

/**
 * Append bytes
 *
 * @v tab		Table
 * @v data		Bytes
 * @v len		Length
 * @ret offset		Offset where they were written
 */
size_t tab_bytes ( struct tab *tab, const void *data, size_t len );

/**
 * Overwrite a 16-bit field (e.g. a sub-structure length, known later)
 *
 * @v tab		Table
 * @v offset		Offset
 * @v value		Value
 */
void tab_put16 ( struct tab *tab, size_t offset, uint16_t value );

/**
 * Close the table: length field and checksum
 *
 * @v tab		Table
 */
void tab_finish ( struct tab *tab );

/**
 * Describe a built table as a collected one (no copy)
 *
 * @v tab		Table (finished)
 * @v table		Description to fill
 */
void tab_table ( struct tab *tab, struct acpi_table *table );

#endif /* HELPER_ACPITAB_H */
