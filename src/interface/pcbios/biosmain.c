/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * BIOS carrier entry: from the real-mode setup's findings to xenmb_main()
 *
 * startup32 calls bios_main() in flat 32-bit protected mode.  It turns the
 * memory map into a sanitised allocator, reserves what is in use (the
 * first MiB, this image with its BSS and stack, the initrd area), walks
 * the initrd area once for the files iPXE handed over, finds the RSDP,
 * and runs the core.  If the core returns, the reason has been printed:
 * wait for a key or the timeout, then reboot.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/memmap.h>
#include <xenmb/cpio.h>
#include <xenmb/xenboot.h>
#include <xenmb/xenmb.h>
#include <xenmb/bios.h>
#include "bios_carrier.h"

/** Start and end of this image in memory (bios.lds) */
extern char _pm_start[];
extern char _bss_end[];

/** The first MiB: BIOS data, real-mode part, option ROMs, BIOS */
#define LOW_MEMORY_END 0x100000

/**
 * Read a 32-bit field of the bzImage header
 *
 * @v info		Real-mode findings
 * @v offset		Offset of the field
 * @ret value		Value
 */
static uint32_t bios_header32 ( const struct bios_boot_info *info,
                                unsigned int offset ) {
	uint32_t value;

	memcpy ( &value, phys_to_virt ( info->rm_base + offset ),
	         sizeof ( value ) );
	return value;
}

/**
 * Add an entry to the raw memory map
 *
 * @v bios		BIOS carrier
 * @v addr		Start
 * @v len		Length
 * @v type		Type
 */
static void bios_add_raw ( struct bios_carrier *bios, uint64_t addr,
                           uint64_t len, uint32_t type ) {
	struct memmap_entry *entry;

	if ( ( len == 0 ) || ( bios->raw_count >= BIOS_E820_MAX ) )
		return;
	entry = &bios->raw[bios->raw_count++];
	entry->addr = addr;
	entry->len = len;
	entry->type = type;
}

/**
 * Build the raw memory map from what the real-mode setup found
 *
 * @v bios		BIOS carrier
 * @ret rc		0, or -XENOMEM if the BIOS gave no memory map at all
 */
static int bios_read_memmap ( struct bios_carrier *bios ) {
	const struct bios_boot_info *info = bios->info;
	uint32_t below_16m;
	uint32_t above_16m;
	unsigned int i;

	switch ( info->method ) {
	case BIOS_MEM_E820:
		for ( i = 0; ( i < info->e820_count ) && ( i < BIOS_E820_MAX );
		      i++ ) {
			bios_add_raw ( bios, info->e820[i].addr,
			               info->e820[i].len, info->e820[i].type );
		}
		return 0;
	case BIOS_MEM_E801:
		/* CX/DX are the configured sizes; some BIOSes fill AX/BX */
		below_16m = ( info->e801[2] ? info->e801[2] : info->e801[0] );
		above_16m = ( info->e801[3] ? info->e801[3] : info->e801[1] );
		bios_add_raw ( bios, 0, ( info->base_kib * 1024ULL ),
		               MEMMAP_RAM );
		bios_add_raw ( bios, LOW_MEMORY_END, ( below_16m * 1024ULL ),
		               MEMMAP_RAM );
		bios_add_raw ( bios, 0x1000000, ( above_16m * 65536ULL ),
		               MEMMAP_RAM );
		return 0;
	case BIOS_MEM_88:
		bios_add_raw ( bios, 0, ( info->base_kib * 1024ULL ),
		               MEMMAP_RAM );
		bios_add_raw ( bios, LOW_MEMORY_END,
		               ( info->ext_kib * 1024ULL ), MEMMAP_RAM );
		return 0;
	default:
		return -XENOMEM;
	}
}

/**
 * Set up the allocator: sanitise the map, reserve what is in use
 *
 * @v bios		BIOS carrier
 * @ret rc		Return status code
 */
static int bios_setup_memory ( struct bios_carrier *bios ) {
	uint64_t image = virt_to_phys ( _pm_start );
	uint64_t image_len = ( _bss_end - _pm_start );
	const struct memmap_range *clash;
	int rc;

	if ( ( rc = bios_read_memmap ( bios ) ) != 0 ) {
		printf ( "xenmb: the BIOS gave no memory map (E820, E801 "
		         "and 88h all failed)\n" );
		return rc;
	}
	memmap_init ( &bios->mem );
	if ( ( rc = memmap_load ( &bios->mem, bios->raw, bios->raw_count ) ) !=
	     0 ) {
		printf ( "xenmb: memory map: %s (using the first %d entries)\n",
		         xenmb_strerror ( rc ), MEMMAP_MAX_ENTRIES );
	}
	if ( ( ( rc = memmap_reserve ( &bios->mem, 0, LOW_MEMORY_END,
	                               "the first MiB" ) ) != 0 ) ||
	     ( ( rc = memmap_reserve ( &bios->mem, image, image_len,
	                               "xenmb.lkrn" ) ) != 0 ) )
		return rc;

	/* The initrd area must not overlap our own BSS and stack */
	if ( bios->initrd_len ) {
		clash = memmap_used_at ( &bios->mem, bios->initrd,
		                         bios->initrd_len );
		if ( clash ) {
			printf ( "xenmb: initrd area %#llx+%#x overlaps %s\n",
			         ( unsigned long long )bios->initrd,
			         bios->initrd_len, clash->what );
			return -XEOVERLAP;
		}
		if ( ( rc = memmap_reserve ( &bios->mem, bios->initrd,
		                             bios->initrd_len,
		                             "initrd area" ) ) != 0 )
			return rc;
	}
	return 0;
}

/**
 * Check whether a word appears on the command line
 *
 * @v cmdline		Command line
 * @v word		Word
 * @ret found		Nonzero if @c word is one of the words
 */
static int bios_cmdline_has ( const char *cmdline, const char *word ) {
	size_t len = strlen ( word );
	const char *pos = cmdline;

	while ( ( pos = strstr ( pos, word ) ) != NULL ) {
		if ( ( ( pos == cmdline ) || ( pos[-1] == ' ' ) ) &&
		     ( ( pos[len] == '\0' ) || ( pos[len] == ' ' ) ) )
			return 1;
		pos += len;
	}
	return 0;
}

/**
 * Walk the initrd area for the files iPXE handed over
 *
 * @v bios		BIOS carrier
 * @v verbose		List every file
 */
static void bios_find_files ( struct bios_carrier *bios, int verbose ) {
	const struct xfile *file;
	unsigned int i;
	int rc;

	if ( !bios->initrd_len )
		return;
	rc = cpio_walk ( phys_to_virt ( bios->initrd ), bios->initrd,
	                 bios->initrd_len, bios->files, BIOS_MAX_FILES,
	                 &bios->file_count );
	/* The core may give back what a module leaves when it must move */
	for ( i = 0; i < bios->file_count; i++ )
		bios->files[i].region_free = 1;
	if ( rc != 0 ) {
		printf ( "xenmb: initrd area %#llx+%#x, after %d files: %s\n",
		         ( unsigned long long )bios->initrd, bios->initrd_len,
		         bios->file_count, xenmb_strerror ( rc ) );
	}
	if ( !verbose )
		return;
	printf ( "xenmb: initrd area %#llx+%#x holds %d files\n",
	         ( unsigned long long )bios->initrd, bios->initrd_len,
	         bios->file_count );
	for ( i = 0; i < bios->file_count; i++ ) {
		file = &bios->files[i];
		printf ( "xenmb:  [%d] %s at %#llx, %zu bytes\n", file->index,
		         ( file->name[0] ? file->name : "(unnamed)" ),
		         ( unsigned long long )file->phys, file->len );
	}
}

/** What GRUB's linux16 puts first on the command line ("BOOT_IMAGE=PATH") */
#define GRUB_BOOT_IMAGE "BOOT_IMAGE="

/**
 * Find where our own arguments start on the loader's command line
 *
 * @v cmdline		Command line as the loader wrote it
 * @ret args		First character of our arguments
 *
 * GRUB's linux16 writes "BOOT_IMAGE=" and the image's path before the
 * arguments of its linux16 line; iPXE and QEMU's -kernel write only the
 * arguments.  The path names this image, not a file for the core.
 */
static const char *bios_skip_loader_word ( const char *cmdline ) {
	size_t tag_len = ( sizeof ( GRUB_BOOT_IMAGE ) - 1 );

	if ( strncmp ( cmdline, GRUB_BOOT_IMAGE, tag_len ) != 0 )
		return cmdline;
	/* Skip the word, then the spaces after it */
	while ( *cmdline && ( *cmdline != ' ' ) )
		cmdline++;
	while ( *cmdline == ' ' )
		cmdline++;
	return cmdline;
}

/**
 * Copy the command line out of the loader's real-mode area
 *
 * @v bios		BIOS carrier
 */
static void bios_copy_cmdline ( struct bios_carrier *bios ) {
	uint32_t cmdline = bios_header32 ( bios->info, BZI_CMD_LINE_PTR );
	const char *args;
	size_t len;

	bios->cmdline[0] = '\0';
	if ( !cmdline )
		return;
	args = bios_skip_loader_word ( phys_to_virt ( cmdline ) );
	len = strnlen ( args, BIOS_CMDLINE_MAX );
	memcpy ( bios->cmdline, args, len );
	bios->cmdline[len] = '\0';
}

/**
 * Run the BIOS carrier (called by startup32)
 *
 * @v info		What the real-mode setup found
 */
void __attribute__ ( ( noreturn ) )
bios_main ( const struct bios_boot_info *info );

void bios_main ( const struct bios_boot_info *info ) {
	static struct bios_carrier bios;
	int verbose;
	int rc;

	/* Start on a line of our own (SeaBIOS leaves the cursor after
	 * "Booting from ROM..") */
	bios_console_init ();
	putchar ( '\n' );
	bios.info = info;
	if ( info->magic != BIOS_INFO_MAGIC ) {
		printf (
		        "xenmb: real-mode setup handed over no information\n" );
		bios_wait_and_reboot ( BIOS_REBOOT_TIMEOUT );
	}
	bios.initrd = bios_header32 ( info, BZI_RAMDISK_IMAGE );
	bios.initrd_len = bios_header32 ( info, BZI_RAMDISK_SIZE );
	bios_copy_cmdline ( &bios );

	if ( ( rc = bios_setup_memory ( &bios ) ) != 0 ) {
		printf ( "xenmb: memory: %s\n", xenmb_strerror ( rc ) );
		bios_wait_and_reboot ( BIOS_REBOOT_TIMEOUT );
	}
	verbose = bios_cmdline_has ( bios.cmdline, "--verbose" );
	bios_find_files ( &bios, verbose );
	bios_platform_init ( &bios );
	bios.platform.rsdp = bios_find_rsdp ( info->ebda_seg );
	if ( verbose ) {
		printf ( "xenmb: BIOS: %d memory map entries (method %d), "
		         "ACPI RSDP at %#llx\n",
		         bios.raw_count, info->method,
		         ( unsigned long long )bios.platform.rsdp );
	}
	bios.platform.reboot_timeout = BIOS_REBOOT_TIMEOUT;

	xenmb_main ( &bios.platform, bios.cmdline );
	bios_wait_and_reboot ( bios.platform.reboot_timeout );
}
