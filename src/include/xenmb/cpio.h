/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The initrd area iPXE builds for a bzImage: newc cpio entries and raw chunks
 *
 * iPXE puts each image on a 4 KiB boundary.  An image given a command line
 * is preceded by a newc header ("070701") whose name is the first word of
 * that command line; an image with none is copied raw, with no name.  Zero
 * padding fills the gaps.  There is no trailer.
 */
#ifndef XENMB_CPIO_H
#define XENMB_CPIO_H

#include <stddef.h>
#include <stdint.h>
#include <xenmb/platform.h>

/** Alignment iPXE gives each image in the initrd area */
#define CPIO_IMAGE_ALIGN 4096

/**
 * Walk the initrd area and record each file
 *
 * @v area		Start of the initrd area (in memory)
 * @v area_phys		Its physical address
 * @v area_len		Its length (ramdisk_size)
 * @v files		Array to fill
 * @v max		Size of the array
 * @v count		Number of entries filled, on return (also on error)
 * @ret rc		0, -XECPIOBOUNDS, -XECPIOHDR, -XETOOMANY
 *
 * Raw chunks (no cpio header) are recorded with an empty name; callers
 * that need a named file report them by index with -XEUNNAMED.  Every
 * header field is checked against the area before it is used.
 */
int cpio_walk ( const void *area, uint64_t area_phys, size_t area_len,
                struct xfile *files, unsigned int max, unsigned int *count );

#endif /* XENMB_CPIO_H */
