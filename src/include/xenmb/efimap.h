/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI memory maps, read without calling the firmware
 *
 * GetMemoryMap() returns an array of EFI_MEMORY_DESCRIPTOR whose stride
 * (DescriptorSize) may be larger than the structure the headers know.
 * These functions only read such an array, so the core and the host unit
 * tests can use them; the UEFI carrier fetches the array.
 */
#ifndef XENMB_EFIMAP_H
#define XENMB_EFIMAP_H

#include <stddef.h>
#include <stdint.h>
#include <xenmb/platform.h>

/** UEFI memory types (EFI_MEMORY_TYPE) */
enum efimap_type {
	EFIMAP_RESERVED = 0,
	EFIMAP_LOADER_CODE = 1,
	EFIMAP_LOADER_DATA = 2,
	EFIMAP_BOOT_CODE = 3,
	EFIMAP_BOOT_DATA = 4,
	EFIMAP_RUNTIME_CODE = 5,
	EFIMAP_RUNTIME_DATA = 6,
	EFIMAP_CONVENTIONAL = 7,
	EFIMAP_UNUSABLE = 8,
	EFIMAP_ACPI_RECLAIM = 9,
	EFIMAP_ACPI_NVS = 10,
	EFIMAP_MMIO = 11,
	EFIMAP_MMIO_PORT = 12,
	EFIMAP_PAL_CODE = 13,
	EFIMAP_PERSISTENT = 14,
	EFIMAP_UNACCEPTED = 15,
};

/** Memory attribute: write-back cacheable (EFI_MEMORY_WB) */
#define EFIMAP_ATTR_WB 0x0000000000000008ULL

/** UEFI page size (always 4 KiB, whatever the CPU uses) */
#define EFIMAP_PAGE_SIZE 4096ULL

/**
 * Smallest descriptor stride: Type (4), padding (4), PhysicalStart (8),
 * VirtualStart (8), NumberOfPages (8), Attribute (8)
 */
#define EFIMAP_DESC_MIN 40

/** E820 type for persistent memory (not in enum memmap_type) */
#define EFIMAP_E820_PMEM 7

/** One descriptor, decoded */
struct efimap_desc {
	/** UEFI memory type */
	uint32_t type;
	/** Physical start */
	uint64_t start;
	/** Number of 4 KiB pages */
	uint64_t pages;
	/** Attributes (EFI_MEMORY_xx) */
	uint64_t attr;
};

/**
 * Decode descriptor @c index of a memory map
 *
 * @v map		Memory map as GetMemoryMap() returned it
 * @v map_size		Its size in bytes
 * @v desc_size		Descriptor stride (DescriptorSize)
 * @v index		Descriptor index
 * @v desc		Decoded descriptor, on success
 * @ret rc		0, -XERANGE past the end or for a range that wraps
 *			around, -XEINVAL for an impossible stride
 */
int efimap_desc ( const void *map, size_t map_size, size_t desc_size,
                  unsigned int index, struct efimap_desc *desc );

/**
 * Give the E820 type that a UEFI memory type becomes
 *
 * @v type		UEFI memory type
 * @v attr		Attributes
 * @ret e820		E820 type (MEMMAP_xx or EFIMAP_E820_PMEM)
 *
 * As Xen does when it builds its E820 from the UEFI map: loader, boot
 * services and conventional memory are RAM only if write-back cacheable.
 */
uint32_t efimap_e820_type ( uint32_t type, uint64_t attr );

/**
 * Convert a UEFI memory map to E820 entries, sorted and merged
 *
 * @v map		Memory map as GetMemoryMap() returned it
 * @v map_size		Its size in bytes
 * @v desc_size		Descriptor stride (DescriptorSize)
 * @v out		Entries to fill
 * @v max		Size of @c out (one per descriptor is always enough)
 * @v count		Number of entries filled, on success
 * @ret rc		0, -XEINVAL (bad stride), -XERANGE (bad descriptor),
 *			-XENOSPC (more entries than @c max)
 *
 * Entries are sorted by address; neighbours of the same type that touch
 * are merged into one.  Empty descriptors are dropped.
 */
int efi_memmap_to_e820 ( const void *map, size_t map_size, size_t desc_size,
                         struct memmap_entry *out, unsigned int max,
                         unsigned int *count );

/**
 * Find room in the free (conventional) memory of a UEFI memory map
 *
 * @v map		Memory map as GetMemoryMap() returned it
 * @v map_size		Its size in bytes
 * @v desc_size		Descriptor stride (DescriptorSize)
 * @v req		What is wanted (size, align, min, max, high; fixed
 *			is not looked at)
 * @v phys		Start address found, on success
 * @ret rc		0, -XENOROOM, or -XEINVAL / -XERANGE for a bad map
 *
 * The size is rounded up to whole pages; the alignment is at least a
 * page.  With @c high the highest fitting start is chosen, else the
 * lowest.
 */
int efimap_find_free ( const void *map, size_t map_size, size_t desc_size,
                       const struct mem_request *req, uint64_t *phys );

#endif /* XENMB_EFIMAP_H */
