/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * CRC-32 (IEEE 802.3, reflected, as gzip and zlib use)
 *
 * Slice-by-8: eight bytes are folded into the CRC per step with eight
 * table lookups.  The tables are computed on first use (a one-off cost of
 * a few microseconds) rather than stored, which keeps 8 KiB out of the
 * firmware images.
 */
#include <stddef.h>
#include <stdint.h>
#include <xenmb/crc32.h>
#include <xenmb/le.h>

/** The slice-by-8 tables, computed on first use */
static uint32_t crc32_slice_table[8][256];

/** Nonzero once the tables have been computed */
static int crc32_table_ready;

/**
 * Compute the slice-by-8 tables
 *
 * Table 0 is the byte-at-a-time table of the reflected polynomial
 * 0xEDB88320; table k is the effect of a byte followed by k zero bytes.
 * Computing them (about 20,000 steps) keeps 8 KiB of constants out of the
 * BIOS and UEFI images.
 */
static void crc32_build_tables ( void ) {
	uint32_t value;
	unsigned int byte, bit, k;

	for ( byte = 0; byte < 256; byte++ ) {
		value = byte;
		for ( bit = 0; bit < 8; bit++ )
			value = ( value >> 1 ) ^
			        ( ( value & 1 ) ? 0xedb88320U : 0 );
		crc32_slice_table[0][byte] = value;
	}
	for ( k = 1; k < 8; k++ ) {
		for ( byte = 0; byte < 256; byte++ ) {
			value = crc32_slice_table[k - 1][byte];
			crc32_slice_table[k][byte] =
			        ( value >> 8 ) ^
			        crc32_slice_table[0][value & 0xff];
		}
	}
	crc32_table_ready = 1;
}

/**
 * Compute a CRC-32 (IEEE 802.3, as gzip uses)
 *
 * @v crc		CRC so far (0 to start)
 * @v data		Data
 * @v len		Length
 * @ret crc		Updated CRC
 */
uint32_t crc32_update ( uint32_t crc, const void *data, size_t len ) {
	const uint32_t ( *table )[256] = crc32_slice_table;
	const uint8_t *bytes = data;
	uint32_t low;
	uint32_t high;

	if ( !crc32_table_ready )
		crc32_build_tables ();

	/* The register holds the complement between calls */
	crc = ~crc;

	/* Eight bytes a step */
	while ( len >= 8 ) {
		low = le_get32 ( bytes ) ^ crc;
		high = le_get32 ( bytes + 4 );
		crc = ( table[7][low & 0xff] ^ table[6][( low >> 8 ) & 0xff] ^
		        table[5][( low >> 16 ) & 0xff] ^ table[4][low >> 24] ^
		        table[3][high & 0xff] ^ table[2][( high >> 8 ) & 0xff] ^
		        table[1][( high >> 16 ) & 0xff] ^
		        table[0][high >> 24] );
		bytes += 8;
		len -= 8;
	}

	/* The remaining bytes one at a time */
	while ( len-- )
		crc = ( table[0][( crc ^ *bytes++ ) & 0xff] ^ ( crc >> 8 ) );

	return ~crc;
}
