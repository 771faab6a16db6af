/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Test helper: the one fake platform of the unit tests, fuzz_load and the
 * load-path benchmark
 *
 * "Physical" memory is a pool mapped at a low fixed address of the
 * process, so that physical addresses are pointers below 4 GiB as on the
 * firmware carriers.  Files are laid out high in the pool the way iPXE
 * lays out its initrd area; alloc() and free() track every range.
 */
#ifndef HELPER_PLATFORM_H
#define HELPER_PLATFORM_H

#include <stddef.h>
#include <stdint.h>
#include <xenmb/platform.h>

/** Most ranges tracked (files and allocations) */
#define HELPER_PLAT_MAX_USED 64
/** Most files */
#define HELPER_PLAT_MAX_FILES 16
/** Entries of the memory map */
#define HELPER_PLAT_MAP 4

/** Who owns a range of the pool */
enum helper_owner {
	HELPER_FREE = 0,
	HELPER_FILE = 1,
	HELPER_ALLOC = 2,
};

/** A range of the pool */
struct helper_range {
	/** Start (page aligned) */
	uint64_t start;
	/** Size (a page multiple) */
	uint64_t size;
	/** HELPER_FILE or HELPER_ALLOC */
	enum helper_owner owner;
};

/** The fake platform */
struct helper_plat {
	/** Platform interface (first, so that the pointers convert) */
	struct platform plat;
	/** The pool */
	uint64_t pool_base;
	uint64_t pool_size;
	/** Ranges in use */
	struct helper_range used[HELPER_PLAT_MAX_USED];
	unsigned int used_count;
	/** Files, in the order added */
	struct xfile files[HELPER_PLAT_MAX_FILES];
	unsigned int file_count;
	/** Each file's contents as given (to compare with what is handed
	 * over) and their length once laid out */
	const uint8_t *orig[HELPER_PLAT_MAX_FILES];
	size_t orig_len[HELPER_PLAT_MAX_FILES];
	/** Where the next file goes */
	uint64_t file_next;
	/** Memory map: low RAM, EBDA, the pool, the BIOS ROM */
	struct memmap_entry map[HELPER_PLAT_MAP];
	/** Called whenever a range changes owner (the fuzzer poisons free
	 * ranges for AddressSanitizer), or NULL */
	void ( *mark ) ( struct helper_plat *hp, uint64_t start, uint64_t size,
	                 enum helper_owner owner );
	/** Called when the loader misuses the platform (a bad request, a
	 * free of what it never had); must not return */
	void ( *misuse ) ( const char *what );
};

void *helper_pool_map ( uint64_t base, uint64_t size );
void helper_plat_init ( struct helper_plat *hp, const char *name,
                        uint64_t pool_base, uint64_t pool_size,
                        uint64_t files_base );
void helper_plat_reset ( struct helper_plat *hp, uint64_t files_base );
struct xfile *helper_plat_add_file ( struct helper_plat *hp, const char *name,
                                     const void *data, size_t len,
                                     size_t header );
struct xfile *helper_plat_file_find ( struct platform *plat, const char *name );
unsigned int helper_plat_allocs ( const struct helper_plat *hp );
int helper_plat_allocated ( const struct helper_plat *hp, uint64_t start,
                            uint64_t len );
void helper_plat_clear ( struct helper_plat *hp );

#endif /* HELPER_PLATFORM_H */
