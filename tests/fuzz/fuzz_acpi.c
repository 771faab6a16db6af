/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for ACPI discovery (acpi.c)
 *
 * The input is a physical memory image starting at address 0: the RSDP
 * is at 16, and every RSDT/XSDT entry points somewhere in (or outside) the
 * image.  Discovery must check every length and never read outside what
 * phys_read gives; the tables found are then decoded and reported.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/platform.h>
#include "fuzz_acpitab.h"

/** The memory image of the current input */
struct fuzz_mem {
	const uint8_t *data;
	size_t size;
};

/**
 * Read the memory image
 *
 * @v plat		Platform (priv is the image)
 * @v addr		Address
 * @v buf		Buffer
 * @v len		Length
 * @ret rc		0, or -1 outside the image
 */
static int fuzz_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                            size_t len ) {
	struct fuzz_mem *mem = plat->priv;

	if ( ( len > mem->size ) || ( addr > ( mem->size - len ) ) )
		return -1;
	memcpy ( buf, ( mem->data + addr ), len );
	return 0;
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct acpi_tables tables;
	struct fuzz_mem mem = { data, size };
	struct platform plat;
	struct arena arena;

	memset ( &plat, 0, sizeof ( plat ) );
	plat.phys_read = fuzz_phys_read;
	plat.priv = &mem;
	arena_init ( &arena, fuzz_arena_buf, sizeof ( fuzz_arena_buf ) );

	/* An RSDP address of 0 means "none", so the RSDP sits at 16 */
	plat.rsdp = 16;
	if ( acpi_discover ( &tables, &plat, &arena ) == 0 )
		fuzz_report ( &tables, &arena );
	return 0;
}
