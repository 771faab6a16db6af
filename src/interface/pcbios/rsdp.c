/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Find the ACPI RSDP the BIOS way
 *
 * The RSDP lies on a 16-byte boundary in the first KiB of the EBDA or in
 * the BIOS area 0xE0000-0xFFFFF.  A candidate counts only if the checksum
 * of its first 20 bytes is zero and, for revision 2 and later, the
 * checksum over its whole length (which must fit the area) is zero too.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/platform.h>
#include "bios_carrier.h"

/** RSDP signature */
#define RSDP_SIGNATURE "RSD PTR "
/** Bytes covered by the ACPI 1.0 checksum */
#define RSDP_V1_LEN 20
/** Smallest ACPI 2.0 RSDP */
#define RSDP_V2_LEN 36
/** Offset of the revision */
#define RSDP_REVISION 15
/** Offset of the length (revision 2 and later) */
#define RSDP_LENGTH 20
/** Search step */
#define RSDP_ALIGN 16
/** EBDA bytes searched */
#define RSDP_EBDA_LEN 1024
/** BIOS area searched */
#define RSDP_BIOS_START 0xe0000
#define RSDP_BIOS_LEN   0x20000

/**
 * Sum bytes
 *
 * @v data		Bytes
 * @v len		Number of bytes
 * @ret sum		Their sum, modulo 256
 */
static uint8_t rsdp_sum ( const uint8_t *data, size_t len ) {
	uint8_t sum = 0;

	while ( len-- )
		sum += *( data++ );
	return sum;
}

/**
 * Check an RSDP candidate
 *
 * @v rsdp		Candidate
 * @v room		Bytes from the candidate to the end of the area
 * @ret valid		Nonzero if signature, checksums and length are right
 */
static int rsdp_valid ( const uint8_t *rsdp, size_t room ) {
	uint32_t len;

	if ( ( room < RSDP_V1_LEN ) ||
	     ( memcmp ( rsdp, RSDP_SIGNATURE, 8 ) != 0 ) ||
	     ( rsdp_sum ( rsdp, RSDP_V1_LEN ) != 0 ) )
		return 0;
	if ( rsdp[RSDP_REVISION] < 2 )
		return 1;
	if ( room < ( RSDP_LENGTH + sizeof ( len ) ) )
		return 0;
	memcpy ( &len, ( rsdp + RSDP_LENGTH ), sizeof ( len ) );
	return ( ( len >= RSDP_V2_LEN ) && ( len <= room ) &&
	         ( rsdp_sum ( rsdp, len ) == 0 ) );
}

/**
 * Search an area for a valid RSDP
 *
 * @v area		Area, in memory
 * @v phys		Its physical address (16-byte aligned)
 * @v len		Its length
 * @ret rsdp		Physical address of the first valid RSDP, or 0
 */
uint64_t rsdp_scan ( const void *area, uint64_t phys, size_t len ) {
	const uint8_t *bytes = area;
	size_t offset;

	for ( offset = 0; ( offset + RSDP_V1_LEN ) <= len;
	      offset += RSDP_ALIGN ) {
		if ( rsdp_valid ( ( bytes + offset ), ( len - offset ) ) )
			return ( phys + offset );
	}
	return 0;
}

/**
 * Find the RSDP: the EBDA's first KiB, then the BIOS area
 *
 * @v ebda_seg		EBDA segment (BDA 40:0E), or 0
 * @ret rsdp		Physical address of the RSDP, or 0
 */
uint64_t bios_find_rsdp ( uint16_t ebda_seg ) {
	uint64_t ebda = ( ( uint64_t )ebda_seg << 4 );
	uint64_t rsdp;

	/* The EBDA lies below 640 KiB, if there is one */
	if ( ( ebda >= 0x400 ) && ( ebda < 0xa0000 ) ) {
		rsdp = rsdp_scan ( phys_to_virt ( ebda ), ebda, RSDP_EBDA_LEN );
		if ( rsdp )
			return rsdp;
	}
	return rsdp_scan ( phys_to_virt ( RSDP_BIOS_START ), RSDP_BIOS_START,
	                   RSDP_BIOS_LEN );
}
