/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The UEFI carrier's own state, shared by its files
 *
 * One struct efi_carrier lives for the whole run (allocated from pool in
 * efi_main).  It owns everything the carrier took from the firmware: the
 * opened volume, the files read into pages, every page allocation made
 * for the core, and the converted memory map.  On return to iPXE all of
 * it is given back (efi_carrier_release).
 */
#ifndef EFI_CARRIER_H
#define EFI_CARRIER_H

#include <stddef.h>
#include <stdint.h>
#include <efi.h>
#include <xenmb/platform.h>

/** Most files the carrier keeps open (loaded) at once */
#define EFI_MAX_FILES 64

/** Most page allocations tracked at once */
#define EFI_MAX_ALLOCS 160

/** Longest command line, including the NUL */
#define EFI_CMDLINE_MAX 4096

/** Nothing is placed below 1 MiB unless asked: Xen's trampoline lives there */
#define EFI_LOW_LIMIT 0x100000ULL

/** Size of the stack given to the kernel at the jump */
#define EFI_HANDOFF_STACK ( 128 * 1024 )

/** One page allocation the carrier made */
struct efi_allocation {
	/** Physical start */
	uint64_t phys;
	/** Number of pages */
	uint64_t pages;
};

/** The UEFI carrier */
struct efi_carrier {
	/** The platform interface handed to the core (priv points here) */
	struct platform plat;
	/** Our image handle */
	EFI_HANDLE image;
	/** System table */
	EFI_SYSTEM_TABLE *systab;
	/** Boot services */
	EFI_BOOT_SERVICES *bs;
	/** Our loaded image (DeviceHandle carries iPXE's file system) */
	EFI_LOADED_IMAGE *loaded;
	/** Root directory of iPXE's file system, once opened */
	EFI_FILE_HANDLE root;
	/** Files loaded so far */
	struct xfile files[EFI_MAX_FILES];
	/** Number of files loaded */
	unsigned int file_count;
	/** Buffer for file_name() */
	char listed_name[128];
	/** Page allocations */
	struct efi_allocation allocs[EFI_MAX_ALLOCS];
	/** Number of page allocations */
	unsigned int alloc_count;
	/** Memory map in E820 form (pool), or NULL */
	struct memmap_entry *e820;
	/** The command line (ASCII, without our own name) */
	char cmdline[EFI_CMDLINE_MAX];
};

/**
 * Get the carrier from its platform interface
 *
 * @v plat		Platform
 * @ret carrier		Carrier
 */
static inline struct efi_carrier *efi_carrier ( struct platform *plat ) {
	return plat->priv;
}

/* eficon.c */
void efi_console_init ( SIMPLE_TEXT_OUTPUT_INTERFACE *conout );

/* efimem.c */
int efi_alloc ( struct platform *plat, const struct mem_request *req,
                uint64_t *phys );
void efi_free ( struct platform *plat, uint64_t phys, uint64_t size );
const struct memmap_entry *efi_memmap ( struct platform *plat,
                                        unsigned int *count );
void efi_mem_release ( struct efi_carrier *carrier );

/* efifile.c */
struct xfile *efi_file_find ( struct platform *plat, const char *name );
const char *efi_file_name ( struct platform *plat, unsigned int index );
void efi_files_release ( struct efi_carrier *carrier );

/* efiboot.c */
int efi_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                    size_t len );
uint64_t efi_find_rsdp ( EFI_SYSTEM_TABLE *systab );
int efi_boot ( struct platform *plat, const struct handoff *handoff );

/* efijump.S */
void efi_handoff_jump ( uint64_t entry, uint64_t magic, uint64_t info,
                        uint64_t stack_top ) __attribute__ ( ( noreturn ) );

#endif /* EFI_CARRIER_H */
