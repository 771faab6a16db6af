/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * CRC-32 (IEEE 802.3, as gzip uses)
 */
#ifndef XENMB_CRC32_H
#define XENMB_CRC32_H

#include <stddef.h>
#include <stdint.h>

/**
 * Compute a CRC-32 (IEEE 802.3, as gzip uses)
 *
 * @v crc		CRC so far (0 to start)
 * @v data		Data
 * @v len		Length
 * @ret crc		Updated CRC
 */
uint32_t crc32_update ( uint32_t crc, const void *data, size_t len );

#endif /* XENMB_CRC32_H */
