/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Multiboot1 and multiboot2: kernel headers and boot information
 *
 * Field layouts follow the Multiboot Specification 0.6.96 and the
 * Multiboot2 Specification 2.0.  The header parsers turn a kernel's
 * header into a struct mb_kernel; the builders write the information
 * structure the kernel reads.
 */
#ifndef XENMB_MULTIBOOT_H
#define XENMB_MULTIBOOT_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ headers */

/** Multiboot1 header magic */
#define MB1_HEADER_MAGIC 0x1BADB002UL
/** Multiboot1 header is searched for in this many first bytes */
#define MB1_SEARCH 8192
/** MB1 header flag: align modules on page boundaries */
#define MB1_FLAG_PAGE_ALIGN 0x00000001UL
/** MB1 header flag: kernel wants memory information */
#define MB1_FLAG_MEMORY_INFO 0x00000002UL
/** MB1 header flag: kernel wants video mode information */
#define MB1_FLAG_VIDEO_MODE 0x00000004UL
/** MB1 header flag: the address fields are valid (a.out kludge) */
#define MB1_FLAG_AOUT_KLUDGE 0x00010000UL
/** MB1 header flags this loader understands */
#define MB1_FLAGS_KNOWN                                                        \
	( MB1_FLAG_PAGE_ALIGN | MB1_FLAG_MEMORY_INFO | MB1_FLAG_VIDEO_MODE |   \
	  MB1_FLAG_AOUT_KLUDGE )

/** Multiboot2 header magic */
#define MB2_HEADER_MAGIC 0xE85250D6UL
/** Multiboot2 header is searched for in this many first bytes */
#define MB2_SEARCH 32768
/** Multiboot2 architecture: 32-bit protected mode i386 */
#define MB2_ARCH_I386 0

/** Multiboot2 header tag types */
enum mb2_header_tag_type {
	MB2_HDR_END = 0,
	MB2_HDR_INFORMATION_REQUEST = 1,
	MB2_HDR_ADDRESS = 2,
	MB2_HDR_ENTRY_ADDRESS = 3,
	MB2_HDR_CONSOLE_FLAGS = 4,
	MB2_HDR_FRAMEBUFFER = 5,
	MB2_HDR_MODULE_ALIGN = 6,
	MB2_HDR_EFI_BS = 7,
	MB2_HDR_ENTRY_ADDRESS_EFI32 = 8,
	MB2_HDR_ENTRY_ADDRESS_EFI64 = 9,
	MB2_HDR_RELOCATABLE = 10,
};

/** Multiboot2 header tag flag: the tag may be ignored */
#define MB2_HDR_TAG_OPTIONAL 0x0001

/** Relocation preference */
enum mb2_reloc_pref {
	MB2_RELOC_NONE = 0,
	MB2_RELOC_LOW = 1,
	MB2_RELOC_HIGH = 2,
};

/** What a kernel's multiboot header(s) ask for */
struct mb_kernel {
	/** Multiboot1 header found */
	int has_mb1;
	/** Offset of the MB1 header in the file */
	size_t mb1_offset;
	/** MB1 header flags */
	uint32_t mb1_flags;
	/** MB1 a.out kludge fields (valid if MB1_FLAG_AOUT_KLUDGE) */
	uint32_t mb1_header_addr, mb1_load_addr, mb1_load_end_addr,
	        mb1_bss_end_addr, mb1_entry_addr;

	/** Multiboot2 header found */
	int has_mb2;
	/** Offset of the MB2 header in the file */
	size_t mb2_offset;
	/** MB2: the information tags requested (bit per type < 32) */
	uint32_t mb2_requested;
	/** MB2: requested tags that are not optional */
	uint32_t mb2_required;
	/** MB2: entry address tag given */
	int mb2_has_entry;
	/** MB2: i386 entry address */
	uint32_t mb2_entry;
	/** MB2: EFI amd64 entry tag given */
	int mb2_has_efi64_entry;
	/** MB2: EFI amd64 entry address */
	uint32_t mb2_efi64_entry;
	/** MB2: kernel wants boot services kept (EFI_BS tag) */
	int mb2_efi_bs;
	/** MB2: relocatable tag given */
	int mb2_relocatable;
	/** MB2: relocation limits: lowest start, highest end, alignment */
	uint32_t mb2_reloc_min, mb2_reloc_max, mb2_reloc_align;
	/** MB2: relocation preference (enum mb2_reloc_pref) */
	uint32_t mb2_reloc_pref;
	/** MB2: module alignment requested */
	int mb2_module_align;
	/** MB2: address tag given (a.out-style load) */
	int mb2_has_address;
	/** MB2: console flags tag value (0 if absent) */
	uint32_t mb2_console_flags;
	/** MB2: framebuffer tag given */
	int mb2_has_framebuffer;
};

/**
 * Find and check the multiboot headers of a kernel image
 *
 * @v image		Kernel image (decompressed)
 * @v len		Length
 * @v kernel		What the headers ask for, on success
 * @ret rc		0 if at least one valid header was found;
 *			-XENOEXEC if none; -XEMBHDR / -XEMBCHECKSUM /
 *			-XEMBTAG for a damaged or unsupported header
 */
int mb_parse_headers ( const void *image, size_t len,
                       struct mb_kernel *kernel );

/* --------------------------------------------------- multiboot1 info */

/** Multiboot1 information flags */
#define MB1_INFO_MEMORY      0x00000001UL
#define MB1_INFO_CMDLINE     0x00000004UL
#define MB1_INFO_MODS        0x00000008UL
#define MB1_INFO_MEM_MAP     0x00000040UL
#define MB1_INFO_LOADER_NAME 0x00000200UL

/** Multiboot1 information structure */
struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower;
	uint32_t mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
	uint32_t apm_table;
	uint32_t vbe_control_info;
	uint32_t vbe_mode_info;
	uint16_t vbe_mode;
	uint16_t vbe_interface_seg;
	uint16_t vbe_interface_off;
	uint16_t vbe_interface_len;
} __attribute__ ( ( packed ) );

/** Multiboot1 module */
struct mb1_module {
	uint32_t mod_start;
	uint32_t mod_end;
	uint32_t string;
	uint32_t reserved;
} __attribute__ ( ( packed ) );

/** Multiboot1 memory map entry (size counts the bytes after itself) */
struct mb1_mmap_entry {
	uint32_t size;
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;
} __attribute__ ( ( packed ) );

/* --------------------------------------------------- multiboot2 info */

/** Multiboot2 information tag types */
enum mb2_tag_type {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_BOOT_LOADER_NAME = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_BASIC_MEMINFO = 4,
	MB2_TAG_BOOTDEV = 5,
	MB2_TAG_MMAP = 6,
	MB2_TAG_VBE = 7,
	MB2_TAG_FRAMEBUFFER = 8,
	MB2_TAG_ELF_SECTIONS = 9,
	MB2_TAG_APM = 10,
	MB2_TAG_EFI32 = 11,
	MB2_TAG_EFI64 = 12,
	MB2_TAG_SMBIOS = 13,
	MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15,
	MB2_TAG_NETWORK = 16,
	MB2_TAG_EFI_MMAP = 17,
	MB2_TAG_EFI_BS = 18,
	MB2_TAG_EFI32_IH = 19,
	MB2_TAG_EFI64_IH = 20,
	MB2_TAG_LOAD_BASE_ADDR = 21,
};

/** Multiboot2 tags are 8-byte aligned */
#define MB2_TAG_ALIGN 8

/** Multiboot2 information header */
struct mb2_info_header {
	uint32_t total_size;
	uint32_t reserved;
} __attribute__ ( ( packed ) );

/** Multiboot2 tag header */
struct mb2_tag {
	uint32_t type;
	uint32_t size;
} __attribute__ ( ( packed ) );

/** Multiboot2 memory map entry */
struct mb2_mmap_entry {
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
} __attribute__ ( ( packed ) );

/* ------------------------------------------------------------ builders */

/** A buffer being filled with an information structure */
struct mbi_buffer {
	/** Start (in memory) */
	uint8_t *base;
	/** Physical address of the start */
	uint64_t phys;
	/** Size */
	size_t size;
	/** Bytes used */
	size_t used;
	/** First error (sticky), or 0 */
	int rc;
};

struct memmap_entry;

/**
 * Start a multiboot2 information structure
 *
 * @v mbi		Buffer (base, phys, size set; 8-byte aligned)
 */
void mb2_begin ( struct mbi_buffer *mbi );

/**
 * Add a string tag (command line, boot loader name)
 *
 * @v mbi		Buffer
 * @v type		MB2_TAG_CMDLINE or MB2_TAG_BOOT_LOADER_NAME
 * @v first		First part of the string
 * @v second		Second part, joined by one space if non-empty, or NULL
 */
void mb2_add_string_tag ( struct mbi_buffer *mbi, uint32_t type,
                          const char *first, const char *second );

/**
 * Add a module tag
 *
 * @v mbi		Buffer
 * @v start		Physical start (below 4 GiB)
 * @v len		Length
 * @v name		First word of the module string
 * @v args		Rest of the module string, or NULL
 */
void mb2_add_module_tag ( struct mbi_buffer *mbi, uint64_t start, size_t len,
                          const char *name, const char *args );

/**
 * Add the basic memory information tag
 *
 * @v mbi		Buffer
 * @v mem_lower		KiB of memory from 0
 * @v mem_upper		KiB of memory from 1 MiB
 */
void mb2_add_basic_meminfo_tag ( struct mbi_buffer *mbi, uint32_t mem_lower,
                                 uint32_t mem_upper );

/**
 * Add the memory map tag
 *
 * @v mbi		Buffer
 * @v map		Entries
 * @v count		Number of entries
 */
void mb2_add_mmap_tag ( struct mbi_buffer *mbi, const struct memmap_entry *map,
                        unsigned int count );

/**
 * Add a tag with a raw payload (ACPI RSDP copies)
 *
 * @v mbi		Buffer
 * @v type		Tag type
 * @v data		Payload
 * @v len		Payload length
 */
void mb2_add_raw_tag ( struct mbi_buffer *mbi, uint32_t type, const void *data,
                       size_t len );

/**
 * Add a tag with one 32-bit or 64-bit value (load base, EFI pointers)
 *
 * @v mbi		Buffer
 * @v type		Tag type
 * @v value		Value
 * @v width		4 or 8
 */
void mb2_add_value_tag ( struct mbi_buffer *mbi, uint32_t type, uint64_t value,
                         unsigned int width );

/**
 * Add a tag with no payload (EFI boot services not terminated)
 *
 * @v mbi		Buffer
 * @v type		Tag type
 */
void mb2_add_empty_tag ( struct mbi_buffer *mbi, uint32_t type );

/**
 * Finish a multiboot2 information structure (END tag, total size)
 *
 * @v mbi		Buffer
 * @ret rc		0, or -XENOSPC if the buffer was too small
 */
int mb2_finish ( struct mbi_buffer *mbi );

/** Multiboot1 module description for the builder */
struct mb1_module_desc {
	uint64_t start;
	size_t len;
	const char *name;
	const char *args;
};

/** What goes into a multiboot1 information structure */
struct mb1_desc {
	const char *cmdline_name;
	const char *cmdline_args;
	const char *loader_name;
	uint32_t mem_lower;
	uint32_t mem_upper;
	const struct memmap_entry *map;
	unsigned int map_count;
	const struct mb1_module_desc *modules;
	unsigned int module_count;
};

/**
 * Build a multiboot1 information structure
 *
 * @v mbi		Buffer (base, phys, size set; below 4 GiB)
 * @v desc		Contents
 * @ret rc		0, or -XENOSPC
 *
 * The structure comes first in the buffer, followed by the module list,
 * the memory map and the strings; every pointer is a physical address.
 */
int mb1_build_info ( struct mbi_buffer *mbi, const struct mb1_desc *desc );

/**
 * Compute mem_lower and mem_upper (KiB) from a memory map
 *
 * @v map		Entries
 * @v count		Number of entries
 * @v lower		KiB of RAM from 0 (at most 640)
 * @v upper		KiB of RAM from 1 MiB without a hole (at most 4 GiB)
 */
void mb_meminfo ( const struct memmap_entry *map, unsigned int count,
                  uint32_t *lower, uint32_t *upper );

#endif /* XENMB_MULTIBOOT_H */
