/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * gzip decompression (RFC 1951 inflate inside an RFC 1952 gzip member)
 */
#ifndef XENMB_INFLATE_H
#define XENMB_INFLATE_H

#include <stddef.h>
#include <stdint.h>

/**
 * Tell whether data starts like a gzip file
 *
 * @v data		Data
 * @v len		Length
 * @ret is_gzip		Nonzero if the gzip magic and method 8 are present
 */
int gzip_detect ( const void *data, size_t len );

/**
 * Read the uncompressed size a gzip file declares (ISIZE, mod 2^32)
 *
 * @v data		gzip file
 * @v len		Length
 * @v size		Declared size, on success
 * @ret rc		0, or -XEGZMAGIC / -XEGZTRUNC
 */
int gzip_declared_size ( const void *data, size_t len, uint32_t *size );

/**
 * Decompress a gzip file
 *
 * @v src		gzip file (header, deflate stream, CRC32, ISIZE)
 * @v src_len		Length
 * @v dst		Output buffer
 * @v dst_max		Output buffer size: more output is -XEGZTOOBIG
 * @v out_len		Bytes produced, on success
 * @ret rc		0, or -XEGZMAGIC, -XEGZMETHOD, -XEGZHEADER,
 *			-XEGZDATA, -XEGZTRUNC, -XEGZTOOBIG, -XEGZCRC,
 *			-XEGZSIZE
 *
 * Only the first member is decompressed; trailing data after it is
 * ignored (as gzip does with trailing zeros).
 */
int gzip_inflate ( const void *src, size_t src_len, void *dst, size_t dst_max,
                   size_t *out_len );

#endif /* XENMB_INFLATE_H */
