/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The BIOS carrier's internals: what the real-mode setup hands over, and
 * the carrier state passed between its parts
 */
#ifndef XENMB_BIOS_CARRIER_H
#define XENMB_BIOS_CARRIER_H

#include <stddef.h>
#include <stdint.h>
#include <xenmb/platform.h>
#include <xenmb/memmap.h>

/** Magic of struct bios_boot_info ("XMBI") */
#define BIOS_INFO_MAGIC 0x49424d58UL

/** Most E820 entries the real-mode setup keeps (E820_MAX in prefix.S) */
#define BIOS_E820_MAX 256

/** How the real-mode setup got the memory map */
enum bios_mem_method {
	BIOS_MEM_NONE = 0,
	BIOS_MEM_E820 = 1,
	BIOS_MEM_E801 = 2,
	BIOS_MEM_88 = 3,
};

/** One E820 entry as INT 15h returned it */
struct bios_e820_record {
	/** Start address */
	uint64_t addr;
	/** Length */
	uint64_t len;
	/** Type */
	uint32_t type;
	/** ACPI 3.0 extended attributes */
	uint32_t attr;
} __attribute__ ( ( packed ) );

/** What the real-mode setup found (filled by prefix.S: keep in step) */
struct bios_boot_info {
	/** BIOS_INFO_MAGIC */
	uint32_t magic;
	/** Linear address of the real-mode part (the bzImage header) */
	uint32_t rm_base;
	/** Number of E820 entries */
	uint32_t e820_count;
	/** Base memory in KiB (INT 12h) */
	uint16_t base_kib;
	/** EBDA segment (BDA 40:0E) */
	uint16_t ebda_seg;
	/** INT 15h E801 results: AX, BX, CX, DX */
	uint16_t e801[4];
	/** INT 15h 88h result: KiB above 1 MiB */
	uint16_t ext_kib;
	/** Method, enum bios_mem_method */
	uint8_t method;
	/** A20 is enabled */
	uint8_t a20;
	/** E820 entries */
	struct bios_e820_record e820[BIOS_E820_MAX];
} __attribute__ ( ( packed ) );

/** Offsets in the bzImage header (from the start of the real-mode part) */
#define BZI_TYPE_OF_LOADER 0x210
#define BZI_RAMDISK_IMAGE  0x218
#define BZI_RAMDISK_SIZE   0x21c
#define BZI_CMD_LINE_PTR   0x228

/** Longest command line a loader may give us (cmdline_size) */
#define BIOS_CMDLINE_MAX 0x7ff

/** Most files in the initrd area */
#define BIOS_MAX_FILES 96

/** The BIOS carrier */
struct bios_carrier {
	/** The platform interface handed to the core */
	struct platform platform;
	/** What the real-mode setup found */
	const struct bios_boot_info *info;
	/** Raw memory map (from E820, or made from E801 / 88h) */
	struct memmap_entry raw[BIOS_E820_MAX];
	/** Number of raw entries */
	unsigned int raw_count;
	/** Sanitised map and allocations */
	struct memmap mem;
	/** Initrd area */
	uint64_t initrd;
	/** Initrd area length */
	uint32_t initrd_len;
	/** Files in the initrd area */
	struct xfile files[BIOS_MAX_FILES];
	/** Number of files */
	unsigned int file_count;
	/** Command line (a copy: the core cuts it up) */
	char cmdline[BIOS_CMDLINE_MAX + 1];
};

void bios_console_init ( void );
void bios_platform_init ( struct bios_carrier *bios );
uint64_t bios_find_rsdp ( uint16_t ebda_seg );
uint64_t rsdp_scan ( const void *area, uint64_t phys, size_t len );
void bios_jump ( uint32_t entry, uint32_t magic, uint32_t info )
        __attribute__ ( ( noreturn ) );
void bios_triple_fault ( void ) __attribute__ ( ( noreturn ) );

#endif /* XENMB_BIOS_CARRIER_H */
