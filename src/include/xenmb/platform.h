/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The platform interface: what a carrier (BIOS, UEFI, Linux) gives the core
 *
 * The core never calls firmware.  Each carrier fills one struct platform
 * and passes it along; the core asks it for files, memory, physical reads,
 * PCI configuration space and, at the end, the jump into the kernel.
 *
 * Physical addresses are uint64_t.  The BIOS carrier runs in flat 32-bit
 * protected mode and the UEFI carrier in the firmware's identity map, so on
 * both a physical address below 4 GiB is also a pointer (phys_to_virt).
 */
#ifndef XENMB_PLATFORM_H
#define XENMB_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

struct platform;
struct handoff;

/** Page size */
#define PAGE_SIZE 4096UL

/** The 4 GiB line: modules, MBI, Xen and the stack must lie below it */
#define ADDR_4G 0x100000000ULL

/** A file handed over by iPXE (an initrd entry, or a file on iPXE's SFS) */
struct xfile {
	/** Name, as iPXE registered it (cpio name or image name) */
	char name[128];
	/** Contents, in memory (NULL until loaded) */
	void *data;
	/** Physical address of the contents */
	uint64_t phys;
	/** Length in bytes */
	size_t len;
	/**
	 * Start of the memory the file owns (page aligned on BIOS: the cpio
	 * header iPXE wrote before the data), and its size from there
	 *
	 * The placement code may slide the data down to @c region so that
	 * a module becomes page aligned without moving it elsewhere.
	 */
	uint64_t region;
	/** Size of the owned region */
	size_t region_len;
	/**
	 * Nonzero if the core may give @c region back with platform->free()
	 * once the data has moved out (BIOS: memory in iPXE's initrd area)
	 */
	int region_free;
	/** Position in the initrd area or directory, from 0 (for messages) */
	unsigned int index;
	/** Carrier's own handle (EFI: the opened file), or NULL */
	void *priv;
};

/** A memory request */
struct mem_request {
	/** Size in bytes (rounded up to pages by the carrier) */
	uint64_t size;
	/** Alignment in bytes (a power of two, at least PAGE_SIZE) */
	uint64_t align;
	/** Lowest acceptable start address */
	uint64_t min;
	/** The allocation must end at or below this address */
	uint64_t max;
	/** Nonzero: exactly at @c min */
	int fixed;
	/** Nonzero: prefer the highest fitting address */
	int high;
	/** What the memory is for (messages only) */
	const char *what;
};

/** A physical memory map entry, E820 style */
struct memmap_entry {
	uint64_t addr;
	uint64_t len;
	/** E820 type: 1 RAM, 2 reserved, 3 ACPI, 4 NVS, 5 unusable, ... */
	uint32_t type;
};

/** Memory map types (E820 / multiboot) */
enum memmap_type {
	MEMMAP_RAM = 1,
	MEMMAP_RESERVED = 2,
	MEMMAP_ACPI = 3,
	MEMMAP_NVS = 4,
	MEMMAP_UNUSABLE = 5,
};

/** The platform interface, filled by a carrier */
struct platform {
	/** "bios", "efi", "linux" or "tables" (the JSON "source") */
	const char *name;

	/**
	 * Nonzero if the probe may look at this machine: its CPU, PCI and
	 * IOMMU registers (0 when probing table dumps)
	 */
	int probes_hardware;
	/** Nonzero if RDMSR may run (the firmware carriers are in ring 0) */
	int can_rdmsr;
	/**
	 * Nonzero if UEFI boot services still run at the jump: the kernel
	 * must take its EFI amd64 entry (multiboot2), multiboot1 cannot be
	 * used
	 */
	int keeps_boot_services;

	/**
	 * Find a file by name (case-insensitive, as iPXE matches)
	 *
	 * @v plat		Platform
	 * @v name		Name
	 * @ret file		File, loaded (data valid), or NULL if absent
	 *
	 * On UEFI the file is read into fresh pages below 4 GiB, page
	 * aligned, so that it can be used as a module where it is.
	 */
	struct xfile *( *file_find ) ( struct platform *plat,
	                               const char *name );

	/**
	 * Why the last file_find() returned NULL although the file may be
	 * there: 0 if it is absent, else a negative code whose reason the
	 * carrier has printed already (a read error, no memory)
	 */
	int file_error;

	/**
	 * List the files (for messages naming what is there)
	 *
	 * @v plat		Platform
	 * @v index		Index from 0
	 * @ret name		Name of file @c index, or NULL past the end
	 */
	const char *( *file_name ) ( struct platform *plat,
	                             unsigned int index );

	/**
	 * Allocate physical memory
	 *
	 * @v plat		Platform
	 * @v req		What is wanted
	 * @v phys		Start address, on success
	 * @ret rc		0, or -XENOROOM
	 */
	int ( *alloc ) ( struct platform *plat, const struct mem_request *req,
	                 uint64_t *phys );

	/**
	 * Free memory from alloc()
	 *
	 * @v plat		Platform
	 * @v phys		Start address
	 * @v size		Size as requested
	 */
	void ( *free ) ( struct platform *plat, uint64_t phys, uint64_t size );

	/**
	 * Get the physical memory map (BIOS: E820 as read in real mode)
	 *
	 * @v plat		Platform
	 * @v count		Number of entries, on return
	 * @ret map		Entries, or NULL if this carrier has none to give
	 */
	const struct memmap_entry *( *memmap ) ( struct platform *plat,
	                                         unsigned int *count );

	/**
	 * Read physical memory (ACPI tables, MMIO registers)
	 *
	 * @v plat		Platform
	 * @v addr		Physical address
	 * @v buf		Buffer
	 * @v len		Length; 4 or 8 at a 4/8-aligned address is one
	 *			access of that width (for registers)
	 * @ret rc		0, or negative if not readable here
	 */
	int ( *phys_read ) ( struct platform *plat, uint64_t addr, void *buf,
	                     size_t len );

	/**
	 * Read PCI configuration space
	 *
	 * @v plat		Platform
	 * @v seg		Segment
	 * @v bus		Bus
	 * @v devfn		Device << 3 | function
	 * @v reg		Register offset (0-4095)
	 * @v width		1, 2 or 4
	 * @v val		Value read
	 * @ret rc		0, or negative (no such device, beyond 256
	 *			bytes without ECAM, no PCI access here)
	 */
	int ( *pci_read ) ( struct platform *plat, unsigned int seg,
	                    unsigned int bus, unsigned int devfn,
	                    unsigned int reg, unsigned int width,
	                    uint32_t *val );

	/** Physical address of the ACPI RSDP, or 0 if unknown */
	uint64_t rsdp;

	/**
	 * Start the kernel; does not return on success
	 *
	 * @v plat		Platform
	 * @v handoff		Entry point, registers, mode
	 * @ret rc		Negative if the jump could not be made
	 */
	int ( *boot ) ( struct platform *plat, const struct handoff *handoff );

	/** UEFI: the system table and our image handle (0 elsewhere) */
	uint64_t efi_system_table;
	uint64_t efi_image_handle;

	/**
	 * Seconds the BIOS carrier waits for a key before it reboots after
	 * xenmb_main() returns (set by the core from --timeout)
	 */
	unsigned int reboot_timeout;

	/** Carrier's private data */
	void *priv;
};

/**
 * Describe the usual request: pages between 1 MiB and 4 GiB, high first
 *
 * @v req		Request to fill
 * @v size		Bytes wanted (rounded up to pages)
 * @v what		What the memory is for (messages)
 *
 * Everything a multiboot kernel is handed must lie below 4 GiB, and the
 * first MiB is left to the firmware and to Xen's trampoline.
 */
static inline void mem_request_high ( struct mem_request *req, uint64_t size,
                                      const char *what ) {
	req->size = ( size + PAGE_SIZE - 1 ) & ~( ( uint64_t )PAGE_SIZE - 1 );
	req->align = PAGE_SIZE;
	req->min = 0x100000;
	req->max = ADDR_4G;
	req->fixed = 0;
	req->high = 1;
	req->what = what;
}

/**
 * Convert a physical address below 4 GiB to a pointer
 *
 * @v phys		Physical address
 * @ret ptr		Pointer (both firmware carriers identity-map memory)
 */
static inline void *phys_to_virt ( uint64_t phys ) {
	return ( void * )( uintptr_t )phys;
}

/**
 * Convert a pointer to a physical address
 *
 * @v ptr		Pointer
 * @ret phys		Physical address
 */
static inline uint64_t virt_to_phys ( const void *ptr ) {
	return ( uint64_t )( uintptr_t )ptr;
}

#endif /* XENMB_PLATFORM_H */
