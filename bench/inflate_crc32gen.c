/** @file
 *
 * Generator of the slice-by-8 CRC-32 tables in src/core/crc32.c
 *
 * Prints the eight 256-entry tables as C initialisers.  Table 0 is the
 * classic byte-at-a-time table of the reflected IEEE 802.3 polynomial;
 * table k gives the CRC contribution of a byte followed by k zero bytes.
 * Run: cc -O2 -o build/crc32gen bench/inflate_crc32gen.c && build/crc32gen
 */
#include <stdint.h>
#include <stdio.h>

/** Reflected IEEE 802.3 polynomial */
#define CRC32_POLY_REFLECTED 0xedb88320UL

/**
 * Print the tables
 *
 * @ret rc		Exit status
 */
int main ( void ) {
	static uint32_t table[8][256];
	unsigned int slice;
	unsigned int byte;
	unsigned int bit;
	uint32_t crc;

	/* Table 0: one byte through the shift register */
	for ( byte = 0; byte < 256; byte++ ) {
		crc = byte;
		for ( bit = 0; bit < 8; bit++ )
			crc = ( crc >> 1 ) ^
			      ( ( crc & 1 ) ? CRC32_POLY_REFLECTED : 0 );
		table[0][byte] = crc;
	}

	/* Table k: the table k-1 value pushed through one more zero byte */
	for ( slice = 1; slice < 8; slice++ ) {
		for ( byte = 0; byte < 256; byte++ ) {
			crc = table[slice - 1][byte];
			table[slice][byte] =
			        ( crc >> 8 ) ^ table[0][crc & 0xff];
		}
	}

	for ( slice = 0; slice < 8; slice++ ) {
		printf ( "\t{\n" );
		for ( byte = 0; byte < 256; byte++ ) {
			printf (
			        "%s0x%08xU,%s", ( ( byte % 6 ) ? " " : "\t\t" ),
			        table[slice][byte],
			        ( ( ( byte % 6 ) == 5 || byte == 255 ) ? "\n"
			                                               : "" ) );
		}
		printf ( "\t},\n" );
	}
	return 0;
}
