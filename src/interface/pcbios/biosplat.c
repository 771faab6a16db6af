/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The BIOS carrier's platform interface
 *
 * Files come from the initrd area (walked once at start), memory from the
 * sanitised E820 map, and the jump is made in 32-bit flat protected mode.
 * Everything here runs with paging off, so physical addresses below 4 GiB
 * are pointers; nothing above 4 GiB can be touched.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/memmap.h>
#include <xenmb/boot.h>
#include <xenmb/pci.h>
#include <xenmb/pci_cf8.h>
#include "bios_carrier.h"

/**
 * Get the carrier from the platform interface
 *
 * @v plat		Platform
 * @ret bios		BIOS carrier
 */
static struct bios_carrier *bios_carrier ( struct platform *plat ) {
	return plat->priv;
}

/**
 * Find a file in the initrd area by name (case-insensitive)
 *
 * @v plat		Platform
 * @v name		Name
 * @ret file		File, or NULL
 */
static struct xfile *bios_file_find ( struct platform *plat,
                                      const char *name ) {
	struct bios_carrier *bios = bios_carrier ( plat );
	unsigned int i;

	for ( i = 0; i < bios->file_count; i++ ) {
		if ( bios->files[i].name[0] &&
		     ( strcasecmp ( bios->files[i].name, name ) == 0 ) )
			return &bios->files[i];
	}
	return NULL;
}

/**
 * Name a file in the initrd area
 *
 * @v plat		Platform
 * @v index		Index from 0
 * @ret name		Name ("" for a raw chunk), or NULL past the end
 */
static const char *bios_file_name ( struct platform *plat,
                                    unsigned int index ) {
	struct bios_carrier *bios = bios_carrier ( plat );

	if ( index >= bios->file_count )
		return NULL;
	return bios->files[index].name;
}

/**
 * Allocate memory below 4 GiB
 *
 * @v plat		Platform
 * @v req		Request
 * @v phys		Start address, on success
 * @ret rc		Return status code
 */
static int bios_alloc ( struct platform *plat, const struct mem_request *req,
                        uint64_t *phys ) {
	struct bios_carrier *bios = bios_carrier ( plat );
	struct mem_request below_4g = *req;

	/* Flat 32-bit mode cannot reach above 4 GiB */
	if ( ( below_4g.max == 0 ) || ( below_4g.max > ADDR_4G ) )
		below_4g.max = ADDR_4G;
	return memmap_alloc ( &bios->mem, &below_4g, phys );
}

/**
 * Free memory
 *
 * @v plat		Platform
 * @v phys		Start address
 * @v size		Size as requested
 */
static void bios_free ( struct platform *plat, uint64_t phys, uint64_t size ) {
	struct bios_carrier *bios = bios_carrier ( plat );

	memmap_free ( &bios->mem, phys, size );
}

/**
 * Get the memory map (sanitised E820)
 *
 * @v plat		Platform
 * @v count		Number of entries, on return
 * @ret map		Entries
 */
static const struct memmap_entry *bios_memmap ( struct platform *plat,
                                                unsigned int *count ) {
	struct bios_carrier *bios = bios_carrier ( plat );

	*count = bios->mem.count;
	return bios->mem.entries;
}

/**
 * Read physical memory below 4 GiB
 *
 * @v plat		Platform
 * @v addr		Physical address
 * @v buf		Buffer
 * @v len		Length (1, 2, 4 aligned: one access; 8 aligned: two
 *			4-byte accesses, low half first)
 * @ret rc		0, or -XEABOVE4G
 */
static int bios_phys_read ( struct platform *plat __attribute__ ( ( unused ) ),
                            uint64_t addr, void *buf, size_t len ) {
	const volatile uint32_t *reg32 = phys_to_virt ( addr );
	uint32_t value[2];
	uint16_t value16;
	uint8_t value8;

	if ( ( addr >= ADDR_4G ) || ( len > ( ADDR_4G - addr ) ) )
		return -XEABOVE4G;
	if ( ( len == 8 ) && !( addr & 7 ) ) {
		value[0] = reg32[0];
		value[1] = reg32[1];
		memcpy ( buf, value, len );
	} else if ( ( len == 4 ) && !( addr & 3 ) ) {
		value[0] = reg32[0];
		memcpy ( buf, value, len );
	} else if ( ( len == 2 ) && !( addr & 1 ) ) {
		value16 = *( ( const volatile uint16_t * )reg32 );
		memcpy ( buf, &value16, len );
	} else if ( len == 1 ) {
		value8 = *( ( const volatile uint8_t * )reg32 );
		memcpy ( buf, &value8, len );
	} else {
		memcpy ( buf, phys_to_virt ( addr ), len );
	}
	return 0;
}

/**
 * Jump into the kernel
 *
 * @v plat		Platform
 * @v handoff		Entry point, registers, mode
 * @ret rc		-XENOTSUP for a mode other than HANDOFF_I386, or
 *			-XEABOVE4G (otherwise does not return)
 */
static int bios_boot ( struct platform *plat __attribute__ ( ( unused ) ),
                       const struct handoff *handoff ) {
	if ( handoff->mode != HANDOFF_I386 )
		return -XENOTSUP;
	if ( ( handoff->entry >= ADDR_4G ) || ( handoff->info >= ADDR_4G ) )
		return -XEABOVE4G;
	bios_jump ( handoff->entry, handoff->magic, handoff->info );
}

/**
 * Fill the platform interface
 *
 * @v bios		BIOS carrier (memory map and files already set up)
 */
void bios_platform_init ( struct bios_carrier *bios ) {
	struct platform *plat = &bios->platform;

	memset ( plat, 0, sizeof ( *plat ) );
	plat->name = "bios";
	plat->probes_hardware = 1;
	plat->can_rdmsr = 1;
	plat->file_find = bios_file_find;
	plat->file_name = bios_file_name;
	plat->alloc = bios_alloc;
	plat->free = bios_free;
	plat->memmap = bios_memmap;
	plat->phys_read = bios_phys_read;
	plat->pci_read = pci_cf8_read;
	plat->boot = bios_boot;
	plat->priv = bios;
}
