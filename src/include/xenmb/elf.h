/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ELF32 / ELF64 executable loading (the Xen image)
 */
#ifndef XENMB_ELF_H
#define XENMB_ELF_H

#include <stddef.h>
#include <stdint.h>

/** Most loadable segments accepted */
#define ELF_MAX_SEGMENTS 16

/** A loadable segment */
struct elf_segment {
	/** Offset in the file */
	uint64_t offset;
	/** Bytes in the file */
	uint64_t filesz;
	/** Bytes in memory (filesz, then zeros) */
	uint64_t memsz;
	/** Physical (load) address */
	uint64_t paddr;
};

/** A parsed ELF executable */
struct elf_image {
	/** 32 or 64 */
	unsigned int bits;
	/** Entry point (e_entry) */
	uint64_t entry;
	/** Loadable segments */
	struct elf_segment segments[ELF_MAX_SEGMENTS];
	/** Number of loadable segments */
	unsigned int count;
	/** Lowest physical address of any segment */
	uint64_t low;
	/** End (exclusive) of the highest segment in memory */
	uint64_t high;
};

/**
 * Parse an ELF executable's headers and segments
 *
 * @v image		File contents
 * @v len		Length
 * @v elf		Parsed image, on success
 * @ret rc		0, -XEELFHDR, -XEELFPHDR, -XEELFSEG
 *
 * Checks the class, byte order, machine (i386 or x86-64), type
 * (executable), that every PT_LOAD lies inside the file, that segments
 * do not overlap and that everything lies below 4 GiB and at or above
 * 1 MiB.
 */
int elf_parse ( const void *image, size_t len, struct elf_image *elf );

/**
 * Tell whether an address lies in a loaded segment
 *
 * @v elf		Parsed image
 * @v addr		Link-time physical address
 * @ret inside		Nonzero if some segment's memory covers it
 */
int elf_contains ( const struct elf_image *elf, uint64_t addr );

/**
 * Copy the segments to their place in memory and zero the rest
 *
 * @v elf		Parsed image
 * @v image		File contents
 * @v dest		Where elf->low goes (in memory)
 */
void elf_load ( const struct elf_image *elf, const void *image, void *dest );

#endif /* XENMB_ELF_H */
