/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Little-endian fields at any alignment (ACPI tables, multiboot and ELF
 * headers, gzip and deflate streams, UCS-2 text): the one reader of src/
 */
#ifndef XENMB_LE_H
#define XENMB_LE_H

#include <stdint.h>

/**
 * Read a little-endian 16-bit field
 *
 * @v p			Field (any alignment)
 * @ret v		Value
 */
static inline uint16_t le_get16 ( const uint8_t *p ) {
	return ( uint16_t )( p[0] | ( p[1] << 8 ) );
}

/**
 * Read a little-endian 32-bit field
 *
 * @v p			Field (any alignment)
 * @ret v		Value
 */
static inline uint32_t le_get32 ( const uint8_t *p ) {
	return ( ( uint32_t )p[0] | ( ( uint32_t )p[1] << 8 ) |
	         ( ( uint32_t )p[2] << 16 ) | ( ( uint32_t )p[3] << 24 ) );
}

/**
 * Read a little-endian 64-bit field
 *
 * @v p			Field (any alignment)
 * @ret v		Value
 */
static inline uint64_t le_get64 ( const uint8_t *p ) {
	return ( ( uint64_t )le_get32 ( p + 4 ) << 32 ) | le_get32 ( p );
}

#endif /* XENMB_LE_H */
