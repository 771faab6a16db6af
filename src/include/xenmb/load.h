/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Placing Xen and its modules, and handing over (multiboot1 / multiboot2)
 */
#ifndef XENMB_LOAD_H
#define XENMB_LOAD_H

#include <stddef.h>
#include <stdint.h>
#include <xenmb/boot.h>
#include <xenmb/elf.h>
#include <xenmb/multiboot.h>
#include <xenmb/options.h>
#include <xenmb/platform.h>

/** Largest decompressed kernel accepted (Xen 4.17 is about 3 MiB) */
#define LOAD_MAX_KERNEL ( 256UL * 1024 * 1024 )

/** Room given to a kernel whose gzip trailer cannot be trusted, at least */
#define LOAD_MIN_INFLATE ( 16UL * 1024 * 1024 )

/** Boot loader name given to the kernel (must not match "GRUB [^0]") */
#define LOAD_LOADER_NAME "xenmb"

/** A module on its way to the kernel */
struct load_module {
	/** What the user asked for */
	const struct image_spec *spec;
	/** The file */
	struct xfile *file;
	/** Where the module is now (page aligned once placed) */
	uint64_t phys;
	/** Length */
	size_t len;
	/** Memory allocated to move it here, or 0 */
	uint64_t moved_size;
};

/** Everything the loader tracks between steps */
struct load_state {
	/** Platform */
	struct platform *plat;
	/** Options and images */
	const struct xenmb_options *opts;

	/** The hypervisor's name and file */
	const char *xen_name;
	struct xfile *xen_file;
	/** The kernel image (decompressed if it was gzipped) */
	const uint8_t *image;
	size_t image_len;
	/** Decompression buffer (0 if the file was not compressed) */
	uint64_t scratch_phys;
	uint64_t scratch_size;

	/** What the kernel's headers ask for */
	struct mb_kernel kernel;
	/** Its ELF segments */
	struct elf_image elf;
	/** Hand over with multiboot2 (else multiboot1) */
	int use_mb2;
	/** How to enter it */
	enum handoff_mode mode;
	/** Where the kernel goes, and how much memory it takes */
	uint64_t load_phys;
	uint64_t load_size;
	/** Nonzero once load_phys has been allocated */
	int load_allocated;
	/** Entry point after relocation */
	uint64_t entry;

	/** Modules in order */
	struct load_module modules[XENMB_MAX_MODULES];
	unsigned int module_count;

	/** The information structure */
	struct mbi_buffer mbi;
	/** Its allocation size (0 if not allocated) */
	uint64_t mbi_alloc;
};

extern int load_fail ( const char *name, int rc );
extern int load_choose_protocol ( struct load_state *ld );
extern int load_place_kernel ( struct load_state *ld );
extern int load_place_modules ( struct load_state *ld );
extern int load_build_info ( struct load_state *ld );
extern void load_release ( struct load_state *ld );
extern int load_start ( struct load_state *ld );

#endif /* XENMB_LOAD_H */
