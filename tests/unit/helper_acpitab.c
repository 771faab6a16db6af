/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Test helper: build ACPI tables byte by byte
 */
#include <string.h>
#include <stdlib.h>
#include "helper_acpitab.h"

/**
 * Append one byte, failing the test program if the table is full
 *
 * @v tab		Table
 * @v value		Byte
 */
static void tab_put ( struct tab *tab, uint8_t value ) {
	if ( tab->len >= TAB_MAX )
		abort ();
	tab->buf[tab->len++] = value;
}

/**
 * Start a table: header with signature, OEM fields, zero length
 *
 * @v tab		Table
 * @v signature		Four characters
 * @v revision		Revision
 */
void tab_start ( struct tab *tab, const char *signature, uint8_t revision ) {
	tab->len = 0;
	tab_bytes ( tab, signature, 4 );
	tab_u32 ( tab, 0 );
	tab_u8 ( tab, revision );
	tab_u8 ( tab, 0 );
	tab_bytes ( tab, "XENMB ", 6 );
	tab_bytes ( tab, "UNITTEST", 8 );
	tab_u32 ( tab, 1 );
	tab_bytes ( tab, "TEST", 4 );
	tab_u32 ( tab, 2 );
}

/**
 * Append a little-endian field of some width
 *
 * @v tab		Table
 * @v value		Value
 * @v width		Bytes
 * @ret offset		Offset where it was written
 */
static size_t tab_le ( struct tab *tab, uint64_t value, unsigned int width ) {
	size_t offset = tab->len;
	unsigned int i;

	for ( i = 0; i < width; i++ )
		tab_put ( tab, ( uint8_t )( value >> ( 8 * i ) ) );
	return offset;
}

/**
 * Append an 8-bit field
 *
 * @v tab		Table
 * @v value		Value
 * @ret offset		Offset
 */
size_t tab_u8 ( struct tab *tab, uint8_t value ) {
	return tab_le ( tab, value, 1 );
}

/**
 * Append a 16-bit field
 *
 * @v tab		Table
 * @v value		Value
 * @ret offset		Offset
 */
size_t tab_u16 ( struct tab *tab, uint16_t value ) {
	return tab_le ( tab, value, 2 );
}

/**
 * Append a 32-bit field
 *
 * @v tab		Table
 * @v value		Value
 * @ret offset		Offset
 */
size_t tab_u32 ( struct tab *tab, uint32_t value ) {
	return tab_le ( tab, value, 4 );
}

/**
 * Append a 64-bit field
 *
 * @v tab		Table
 * @v value		Value
 * @ret offset		Offset
 */
size_t tab_u64 ( struct tab *tab, uint64_t value ) {
	return tab_le ( tab, value, 8 );
}

/**
 * Append bytes
 *
 * @v tab		Table
 * @v data		Bytes
 * @v len		Length
 * @ret offset		Offset
 */
size_t tab_bytes ( struct tab *tab, const void *data, size_t len ) {
	const uint8_t *bytes = data;
	size_t offset = tab->len;

	while ( len-- )
		tab_put ( tab, *( bytes++ ) );
	return offset;
}

/**
 * Overwrite a 16-bit field
 *
 * @v tab		Table
 * @v offset		Offset
 * @v value		Value
 */
void tab_put16 ( struct tab *tab, size_t offset, uint16_t value ) {
	tab->buf[offset] = ( uint8_t )value;
	tab->buf[offset + 1] = ( uint8_t )( value >> 8 );
}

/**
 * Close the table: length field and checksum
 *
 * @v tab		Table
 */
void tab_finish ( struct tab *tab ) {
	uint8_t sum = 0;
	size_t i;

	tab->buf[4] = ( uint8_t )tab->len;
	tab->buf[5] = ( uint8_t )( tab->len >> 8 );
	tab->buf[6] = ( uint8_t )( tab->len >> 16 );
	tab->buf[7] = ( uint8_t )( tab->len >> 24 );
	tab->buf[9] = 0;
	for ( i = 0; i < tab->len; i++ )
		sum += tab->buf[i];
	tab->buf[9] = ( uint8_t )( 0x100 - sum );
}

/**
 * Describe a built table as a collected one (no copy)
 *
 * @v tab		Table (finished)
 * @v table		Description to fill
 */
void tab_table ( struct tab *tab, struct acpi_table *table ) {
	uint8_t sum = 0;
	size_t i;

	memset ( table, 0, sizeof ( *table ) );
	memcpy ( table->signature, tab->buf, 4 );
	table->length = ( uint32_t )tab->len;
	table->data = tab->buf;
	for ( i = 0; i < tab->len; i++ )
		sum += tab->buf[i];
	table->checksum_ok = ( sum == 0 );
}
