/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ELF32 / ELF64 executable loading
 *
 * Only what a multiboot kernel needs: the program headers' PT_LOAD
 * segments, checked against the file before anything is copied.
 */
#include <stdint.h>
#include <string.h>
#include <xenmb/elf.h>
#include <xenmb/errors.h>
#include <xenmb/le.h>

/** ELF identification */
#define EI_NIDENT   16
#define ELFCLASS32  1
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define ET_EXEC     2
#define EM_386      3
#define EM_X86_64   62
#define PT_LOAD     1

/** Lowest load address accepted (below is BIOS and real-mode memory) */
#define ELF_MIN_ADDR 0x100000ULL
/** Load addresses must end at or below 4 GiB */
#define ELF_MAX_ADDR 0x100000000ULL

/**
 * Read a little-endian field of 2, 4 or 8 bytes
 *
 * @v p			Field
 * @v width		Width in bytes (the ELF class decides addresses')
 * @ret value		Value
 */
static uint64_t elf_get ( const uint8_t *p, unsigned int width ) {
	if ( width == 8 )
		return le_get64 ( p );
	if ( width == 4 )
		return le_get32 ( p );
	return le_get16 ( p );
}

/** Field offsets and widths of the two ELF classes */
struct elf_layout {
	/** Header size */
	unsigned int ehsize;
	/** e_entry offset, e_phoff offset, e_phentsize, e_phnum offsets */
	unsigned int entry, phoff, phentsize, phnum;
	/** Width of addresses and offsets */
	unsigned int word;
	/** Program header: size, and offsets of its fields */
	unsigned int ph_size, ph_offset, ph_paddr, ph_filesz, ph_memsz;
};

/** ELF32 layout */
static const struct elf_layout elf32_layout = {
        .ehsize = 52,
        .entry = 24,
        .phoff = 28,
        .phentsize = 42,
        .phnum = 44,
        .word = 4,
        .ph_size = 32,
        .ph_offset = 4,
        .ph_paddr = 12,
        .ph_filesz = 16,
        .ph_memsz = 20,
};

/** ELF64 layout */
static const struct elf_layout elf64_layout = {
        .ehsize = 64,
        .entry = 24,
        .phoff = 32,
        .phentsize = 54,
        .phnum = 56,
        .word = 8,
        .ph_size = 56,
        .ph_offset = 8,
        .ph_paddr = 24,
        .ph_filesz = 32,
        .ph_memsz = 40,
};

/**
 * Check a segment and add it to the image
 *
 * @v elf		Parsed image
 * @v seg		Segment
 * @v len		File length
 * @ret rc		0, -XEELFSEG, -XEELFPHDR
 */
static int elf_add_segment ( struct elf_image *elf,
                             const struct elf_segment *seg, size_t len ) {
	unsigned int i;

	if ( seg->memsz == 0 )
		return 0;
	if ( seg->filesz > seg->memsz || seg->offset > len ||
	     seg->filesz > len - seg->offset )
		return -XEELFSEG;
	if ( seg->paddr < ELF_MIN_ADDR || seg->paddr >= ELF_MAX_ADDR ||
	     seg->memsz > ELF_MAX_ADDR - seg->paddr )
		return -XEELFSEG;
	for ( i = 0; i < elf->count; i++ ) {
		const struct elf_segment *other = &elf->segments[i];

		if ( seg->paddr < other->paddr + other->memsz &&
		     other->paddr < seg->paddr + seg->memsz )
			return -XEELFSEG;
	}
	if ( elf->count == ELF_MAX_SEGMENTS )
		return -XEELFPHDR;
	elf->segments[elf->count++] = *seg;
	if ( elf->count == 1 || seg->paddr < elf->low )
		elf->low = seg->paddr;
	if ( seg->paddr + seg->memsz > elf->high )
		elf->high = seg->paddr + seg->memsz;
	return 0;
}

/**
 * Parse an ELF executable's headers and segments
 *
 * @v image		File contents
 * @v len		Length
 * @v elf		Parsed image, on success
 * @ret rc		Return status code
 */
int elf_parse ( const void *image, size_t len, struct elf_image *elf ) {
	const uint8_t *data = image;
	const struct elf_layout *layout;
	struct elf_segment seg;
	uint64_t phoff, phentsize, phnum, i;
	const uint8_t *ph;
	int rc;

	memset ( elf, 0, sizeof ( *elf ) );
	if ( len < EI_NIDENT || memcmp ( data, "\177ELF", 4 ) != 0 )
		return -XEELFHDR;
	if ( data[4] == ELFCLASS32 ) {
		layout = &elf32_layout;
		elf->bits = 32;
	} else if ( data[4] == ELFCLASS64 ) {
		layout = &elf64_layout;
		elf->bits = 64;
	} else {
		return -XEELFHDR;
	}
	if ( len < layout->ehsize || data[5] != ELFDATA2LSB )
		return -XEELFHDR;
	if ( elf_get ( data + 16, 2 ) != ET_EXEC )
		return -XEELFHDR;
	i = elf_get ( data + 18, 2 );
	if ( i != EM_386 && i != EM_X86_64 )
		return -XEELFHDR;
	elf->entry = elf_get ( data + layout->entry, layout->word );
	phoff = elf_get ( data + layout->phoff, layout->word );
	phentsize = elf_get ( data + layout->phentsize, 2 );
	phnum = elf_get ( data + layout->phnum, 2 );
	if ( phnum == 0 || phentsize < layout->ph_size || phoff > len ||
	     phnum > ( len - phoff ) / phentsize )
		return -XEELFPHDR;

	for ( i = 0; i < phnum; i++ ) {
		ph = data + phoff + i * phentsize;
		if ( elf_get ( ph, 4 ) != PT_LOAD )
			continue;
		seg.offset = elf_get ( ph + layout->ph_offset, layout->word );
		seg.paddr = elf_get ( ph + layout->ph_paddr, layout->word );
		seg.filesz = elf_get ( ph + layout->ph_filesz, layout->word );
		seg.memsz = elf_get ( ph + layout->ph_memsz, layout->word );
		if ( ( rc = elf_add_segment ( elf, &seg, len ) ) != 0 )
			return rc;
	}
	if ( elf->count == 0 )
		return -XEELFPHDR;
	return 0;
}

/**
 * Tell whether an address lies in a loaded segment
 *
 * @v elf		Parsed image
 * @v addr		Link-time physical address
 * @ret inside		Nonzero if some segment's memory covers it
 */
int elf_contains ( const struct elf_image *elf, uint64_t addr ) {
	unsigned int i;

	for ( i = 0; i < elf->count; i++ ) {
		const struct elf_segment *seg = &elf->segments[i];

		if ( addr >= seg->paddr && addr - seg->paddr < seg->memsz )
			return 1;
	}
	return 0;
}

/**
 * Copy the segments to their place in memory and zero the rest
 *
 * @v elf		Parsed image
 * @v image		File contents
 * @v dest		Where elf->low goes (in memory)
 */
void elf_load ( const struct elf_image *elf, const void *image, void *dest ) {
	const uint8_t *data = image;
	uint8_t *base = dest;
	unsigned int i;

	/* Gaps between segments are zeroed too: the whole span is ours */
	memset ( base, 0, ( size_t )( elf->high - elf->low ) );
	for ( i = 0; i < elf->count; i++ ) {
		const struct elf_segment *seg = &elf->segments[i];

		memcpy ( base + ( seg->paddr - elf->low ), data + seg->offset,
		         ( size_t )seg->filesz );
	}
}
