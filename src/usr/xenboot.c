/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb's main flow, shared by the BIOS and UEFI carriers
 *
 * Parse the command line (and xen.cfg), run the probe, then find Xen and
 * its modules (checking SHA-256 and bzImage lengths), decompress Xen, and
 * have the multiboot code (arch/x86/image/xenmb/load.c) place them and
 * hand over.  Every failure has been printed as a sentence naming the file
 * or option by the time this returns.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <xenmb/arena.h>
#include <xenmb/errors.h>
#include <xenmb/inflate.h>
#include <xenmb/load.h>
#include <xenmb/sha256.h>
#include <xenmb/xenboot.h>
#include <xenmb/options.h>
#include <xenmb/iommuprobe.h>
#include <xenmb/probereport.h>
#include <xenmb/xenmb.h>
#include <xenmb/xencfg.h>
#include <xenmb/le.h>

/** Name of the config file used when no Xen image is named */
#define MAIN_DEFAULT_CFG "xen.cfg"

/** Memory for the probe's table copies and findings (besides the report) */
#define MAIN_PROBE_ARENA ( 2UL * 1024 * 1024 )

/** The probe's memory and results */
struct main_probe {
	/** Platform */
	struct platform *plat;
	/** Options */
	const struct xenmb_options *opts;
	/** Physical memory holding the report and the arena */
	uint64_t phys;
	/** Its size (0: not allocated) */
	uint64_t size;
	/** The report (NULL if the probe did not run) */
	struct probe_report *report;
	/** The arena */
	struct arena arena;
};

/** Default hypervisor file names, tried in order */
static const char *const load_default_xen[] = { "xen.gz", "xen" };

/**
 * List the files iPXE handed over (after a file was not found)
 *
 * @v plat		Platform
 *
 * An image given to iPXE's initrd without arguments reaches the BIOS
 * carrier with no name; each is reported by position with the fix.
 */
static void load_list_files ( struct platform *plat ) {
	const char *name;
	unsigned int i, unnamed = 0;

	if ( !plat->file_name )
		return;
	printf ( "xenmb: files available:" );
	for ( i = 0; i < 256 && ( name = plat->file_name ( plat, i ) ); i++ ) {
		printf ( " %s", *name ? name : "(unnamed)" );
		if ( !*name )
			unnamed++;
	}
	printf ( "%s\n", i ? "" : " none" );
	for ( i = 0;
	      unnamed && i < 256 && ( name = plat->file_name ( plat, i ) );
	      i++ ) {
		if ( !*name )
			printf ( "xenmb: initrd image %u: %s\n", i,
			         xenmb_strerror ( -XEUNNAMED ) );
	}
}

/**
 * Check a file against the SHA-256 the user gave
 *
 * @v spec		Image spec
 * @v file		File
 * @ret rc		0, or -XESHA256 (reported)
 */
static int load_check_sha256 ( const struct image_spec *spec,
                               const struct xfile *file ) {
	char hex[65];

	if ( !spec->sha256 )
		return 0;
	sha256_hex ( file->data, file->len, hex );
	if ( strcasecmp ( hex, spec->sha256 ) != 0 ) {
		printf ( "xenmb: %s: %s\nxenmb: %s: expected %s\nxenmb: %s: "
		         "got      %s\n",
		         spec->name, xenmb_strerror ( -XESHA256 ), spec->name,
		         spec->sha256, spec->name, hex );
		return -XESHA256;
	}
	return 0;
}

/**
 * Report a file that could not be had
 *
 * @v plat		Platform
 * @v name		File name
 * @ret rc		Return status code
 *
 * If the carrier failed to read it, the carrier said why already;
 * otherwise it is not there, and the files that are there are listed.
 */
static int load_missing ( struct platform *plat, const char *name ) {
	if ( plat->file_error )
		return plat->file_error;
	load_fail ( name, -XENOENT );
	load_list_files ( plat );
	return -XENOENT;
}

/**
 * Find the hypervisor file
 *
 * @v ld		Loader state
 * @ret rc		Return status code (reported)
 */
static int load_find_xen ( struct load_state *ld ) {
	struct platform *plat = ld->plat;
	const char *name = ld->opts->xen.name;
	unsigned int i;

	if ( name ) {
		ld->xen_file = plat->file_find ( plat, name );
	} else {
		for ( i = 0; i < sizeof ( load_default_xen ) /
		                         sizeof ( load_default_xen[0] );
		      i++ ) {
			name = load_default_xen[i];
			ld->xen_file = plat->file_find ( plat, name );
			if ( ld->xen_file || plat->file_error )
				break;
		}
	}
	ld->xen_name = name;
	if ( !ld->xen_file )
		return load_missing ( plat, name );
	if ( ld->xen_file->len == 0 )
		return load_fail ( name, -XEEMPTY );
	return load_check_sha256 ( &ld->opts->xen, ld->xen_file );
}

/**
 * Check that a dom0 kernel in bzImage format is whole
 *
 * @v spec		Image spec
 * @v file		File
 * @ret rc		0, or -XETRUNC (reported)
 *
 * A bzImage says how long it is: the real-mode part (setup_sects + 1
 * sectors) and the protected-mode part (syssize paragraphs).  A shorter
 * file was cut in transfer; Xen would only find out while building dom0.
 * Other formats are passed on as they are.
 */
static int load_check_bzimage ( const struct image_spec *spec,
                                const struct xfile *file ) {
	const uint8_t *data = file->data;
	uint64_t setup_sects, syssize, need;

	if ( file->len < 0x210 || data[0x1fe] != 0x55 || data[0x1ff] != 0xaa ||
	     memcmp ( data + 0x202, "HdrS", 4 ) != 0 )
		return 0;
	setup_sects = data[0x1f1] ? data[0x1f1] : 4;
	syssize = le_get32 ( data + 0x1f4 );
	need = ( setup_sects + 1 ) * 512 + syssize * 16;
	if ( file->len < need ) {
		printf ( "xenmb: %s: %s (%zu of %llu bytes)\n", spec->name,
		         xenmb_strerror ( -XETRUNC ), file->len,
		         ( unsigned long long )need );
		return -XETRUNC;
	}
	return 0;
}

/**
 * Find the module files
 *
 * @v ld		Loader state
 * @ret rc		Return status code (reported)
 */
static int load_find_modules ( struct load_state *ld ) {
	struct platform *plat = ld->plat;
	const struct xenmb_options *opts = ld->opts;
	struct load_module *mod;
	unsigned int i, j;
	int rc;

	if ( opts->module_count == 0 ) {
		printf ( "xenmb: %s\n", xenmb_strerror ( -XENODOM0 ) );
		return -XENODOM0;
	}
	for ( i = 0; i < opts->module_count; i++ ) {
		mod = &ld->modules[i];
		mod->spec = &opts->modules[i];
		mod->file = plat->file_find ( plat, mod->spec->name );
		if ( !mod->file )
			return load_missing ( plat, mod->spec->name );
		if ( mod->file->len == 0 )
			return load_fail ( mod->spec->name, -XEEMPTY );
		/* One file, one place: the same file twice would alias */
		for ( j = 0; j < i; j++ ) {
			if ( ld->modules[j].file == mod->file )
				return load_fail ( mod->spec->name,
				                   -XEDUPNAME );
		}
		if ( mod->file == ld->xen_file )
			return load_fail ( mod->spec->name, -XEDUPNAME );
		if ( ( rc = load_check_sha256 ( mod->spec, mod->file ) ) != 0 )
			return rc;
		if ( i == 0 &&
		     ( rc = load_check_bzimage ( mod->spec, mod->file ) ) != 0 )
			return rc;
		mod->phys = mod->file->phys;
		mod->len = mod->file->len;
		ld->module_count++;
	}
	return 0;
}

/**
 * Choose how much room decompression gets
 *
 * @v declared		Size the gzip trailer declares
 * @v len		Size of the gzip file
 * @ret bound		Bytes to allow
 *
 * The trailer's size is trusted when deflate could have produced it (no
 * smaller than about half the file, no larger than deflate's 1032:1).  A
 * file cut short ends in compressed data instead of its trailer, so its
 * "size" is noise: it then gets a generous bound, and the inflater reports
 * where the data ends, which names the real problem.
 */
static uint64_t load_inflate_bound ( uint32_t declared, size_t len ) {
	uint64_t bound;

	if ( declared != 0 && declared <= LOAD_MAX_KERNEL &&
	     ( uint64_t )declared * 2 + 64 >= len &&
	     ( uint64_t )declared <= ( uint64_t )len * 1032 )
		return declared;
	bound = ( uint64_t )len * 8;
	if ( bound < LOAD_MIN_INFLATE )
		bound = LOAD_MIN_INFLATE;
	if ( bound > LOAD_MAX_KERNEL )
		bound = LOAD_MAX_KERNEL;
	return bound;
}

/**
 * Decompress the hypervisor if it is gzipped
 *
 * @v ld		Loader state
 * @ret rc		Return status code (reported)
 */
static int load_unpack ( struct load_state *ld ) {
	struct platform *plat = ld->plat;
	struct xfile *file = ld->xen_file;
	struct mem_request req;
	uint64_t bound;
	uint32_t declared;
	size_t out_len;
	int rc;

	if ( !gzip_detect ( file->data, file->len ) ) {
		ld->image = file->data;
		ld->image_len = file->len;
		return 0;
	}
	if ( ( rc = gzip_declared_size ( file->data, file->len, &declared ) ) !=
	     0 )
		return load_fail ( ld->xen_name, rc );
	bound = load_inflate_bound ( declared, file->len );

	mem_request_high ( &req, bound, "decompressed Xen" );
	if ( ( rc = plat->alloc ( plat, &req, &ld->scratch_phys ) ) != 0 )
		return load_fail ( ld->xen_name, rc );
	ld->scratch_size = req.size;

	rc = gzip_inflate ( file->data, file->len,
	                    phys_to_virt ( ld->scratch_phys ),
	                    ( size_t )req.size, &out_len );
	if ( rc != 0 )
		return load_fail ( ld->xen_name, rc );
	ld->image = phys_to_virt ( ld->scratch_phys );
	ld->image_len = out_len;
	return 0;
}

/**
 * Print what is about to be started
 *
 * @v ld		Loader state
 */
static void load_print_plan ( struct load_state *ld ) {
	unsigned int i;

	printf ( "xenmb: %s: %zu bytes at 0x%llx, entry 0x%llx, %s%s\n",
	         ld->xen_name, ld->image_len,
	         ( unsigned long long )ld->load_phys,
	         ( unsigned long long )ld->entry,
	         ld->use_mb2 ? "multiboot2" : "multiboot1",
	         ld->mode == HANDOFF_EFI64 ? " (EFI, boot services kept)"
	                                   : "" );
	for ( i = 0; i < ld->module_count; i++ ) {
		const struct load_module *mod = &ld->modules[i];

		printf ( "xenmb: module %u: %s: %zu bytes at 0x%llx%s\n", i,
		         mod->spec->name, mod->len,
		         ( unsigned long long )mod->phys,
		         mod->moved_size ? " (moved)" : "" );
	}
}

/**
 * Load Xen and its modules and start Xen
 *
 * @v plat		Platform
 * @v opts		Options and images
 * @v before_jump	Called right before the jump, or NULL
 * @v ctx		Passed to before_jump
 * @ret rc		Only returns on failure (reason printed)
 */
int load_and_boot ( struct platform *plat, const struct xenmb_options *opts,
                    void ( *before_jump ) ( void *ctx ), void *ctx ) {
	struct load_state ld;
	int rc;

	memset ( &ld, 0, sizeof ( ld ) );
	ld.plat = plat;
	ld.opts = opts;

	if ( ( rc = load_find_xen ( &ld ) ) != 0 )
		goto err;
	if ( ( rc = load_find_modules ( &ld ) ) != 0 )
		goto err;
	if ( ( rc = load_unpack ( &ld ) ) != 0 )
		goto err;
	if ( ( rc = load_choose_protocol ( &ld ) ) != 0 )
		goto err;
	if ( ( rc = load_place_kernel ( &ld ) ) != 0 )
		goto err;
	if ( ( rc = load_place_modules ( &ld ) ) != 0 )
		goto err;
	if ( ( rc = load_build_info ( &ld ) ) != 0 )
		goto err;

	/* Every check has passed: only now write the kernel's memory */
	elf_load ( &ld.elf, ld.image, phys_to_virt ( ld.load_phys ) );
	if ( !opts->quiet )
		load_print_plan ( &ld );
	if ( before_jump )
		before_jump ( ctx );

	rc = load_start ( &ld );
err:
	load_release ( &ld );
	return rc;
}
/**
 * Print a short usage reminder
 */
static void main_usage ( void ) {
	printf (
	        "usage: xenmb [--probe] [--json] [--require=" REQUIRE_WORDS
	        "] [--mb1]\n"
	        "             [--cfg=FILE [--section=NAME]] [--quiet|--verbose]"
	        " [--timeout=S]\n"
	        "             [XEN [ARGS...] --- KERNEL [ARGS...] [--- MODULE"
	        " [ARGS...]]...]\n" );
}

/**
 * Read xen.cfg (named by --cfg, or the default one if present)
 *
 * @v plat		Platform
 * @v opts		Options; images are filled from the config
 * @ret rc		Return status code (reported)
 */
static int main_read_cfg ( struct platform *plat, struct xenmb_options *opts ) {
	const char *name = opts->cfg ? opts->cfg : MAIN_DEFAULT_CFG;
	struct xfile *file;
	int rc;

	file = plat->file_find ( plat, name );
	if ( !file && plat->file_error )
		return plat->file_error;
	if ( !file ) {
		if ( !opts->cfg ) {
			printf ( "xenmb: %s\n", xenmb_strerror ( -XENOXEN ) );
			main_usage ();
			return -XENOXEN;
		}
		printf ( "xenmb: %s: %s\n", name, xenmb_strerror ( -XENOENT ) );
		return -XENOENT;
	}
	rc = xencfg_parse ( file->data, file->len, opts->section, opts );
	if ( rc != 0 ) {
		printf ( "xenmb: %s: %s%s%s%s\n", name, xenmb_strerror ( rc ),
		         opts->bad_word ? " (\"" : "",
		         opts->bad_word ? opts->bad_word : "",
		         opts->bad_word ? "\")" : "" );
		return rc;
	}
	if ( !opts->quiet )
		printf ( "xenmb: %s: section read, %u module%s\n", name,
		         opts->module_count,
		         opts->module_count == 1 ? "" : "s" );
	return 0;
}

/**
 * Run the probe into memory from the platform
 *
 * @v probe		Probe state (plat and opts set)
 * @ret rc		Return status code (reported)
 */
static int main_probe_run ( struct main_probe *probe ) {
	struct platform *plat = probe->plat;
	struct mem_request req;
	size_t report_size;
	int rc;

	report_size = ( sizeof ( *probe->report ) + 15 ) & ~( size_t )15;
	mem_request_high ( &req, report_size + MAIN_PROBE_ARENA, "probe" );
	if ( ( rc = plat->alloc ( plat, &req, &probe->phys ) ) != 0 ) {
		printf ( "xenmb: probe: %s\n", xenmb_strerror ( rc ) );
		return rc;
	}
	probe->size = req.size;
	probe->report = phys_to_virt ( probe->phys );
	memset ( probe->report, 0, report_size );
	arena_init ( &probe->arena, ( uint8_t * )probe->report + report_size,
	             ( size_t )( req.size - report_size ) );
	if ( ( rc = probe_run ( plat, &probe->arena, NULL, probe->report ) ) ) {
		printf ( "xenmb: probe: %s\n", xenmb_strerror ( rc ) );
		return rc;
	}
	return 0;
}

/**
 * Give back the probe's memory
 *
 * @v probe		Probe state
 */
static void main_probe_free ( struct main_probe *probe ) {
	if ( probe->size && probe->plat->free )
		probe->plat->free ( probe->plat, probe->phys, probe->size );
	probe->size = 0;
	probe->report = NULL;
}

/**
 * Print the report as --verbose / --json ask
 *
 * @v probe		Probe state
 */
static void main_probe_print ( struct main_probe *probe ) {
	if ( probe->opts->verbose )
		probe_print_verbose ( probe->report );
	else
		probe_print_summary ( probe->report );
	if ( probe->opts->json )
		probe_print_json ( probe->report );
}

/**
 * Called right before the jump: the probe summary
 *
 * @v ctx		Probe state
 */
static void main_before_jump ( void *ctx ) {
	struct main_probe *probe = ctx;

	if ( probe->report )
		main_probe_print ( probe );
	printf ( "xenmb: starting Xen\n" );
}

/**
 * Run xenmb: parse the command line, probe, load and boot Xen
 *
 * @v plat		Platform (carrier) interface
 * @v cmdline		Command line without the carrier's own name; modified
 * @ret rc		Only returns on failure, or after --probe
 */
int xenmb_main ( struct platform *plat, char *cmdline ) {
	struct xenmb_options opts;
	struct main_probe probe;
	int rc;

	options_init ( &opts );
	rc = cmdline_parse ( cmdline, &opts );
	/* A --timeout given before a bad word still counts */
	plat->reboot_timeout = opts.timeout;
	if ( rc != 0 ) {
		printf ( "xenmb: %s%s%s\n", opts.bad_word ? opts.bad_word : "",
		         opts.bad_word ? ": " : "", xenmb_strerror ( rc ) );
		main_usage ();
		return rc;
	}
	if ( !opts.quiet )
		printf ( "xenmb %s (%s)\n", XENMB_VERSION, plat->name );

	/* The probe: alone, as a gate, or as the summary before the jump */
	memset ( &probe, 0, sizeof ( probe ) );
	probe.plat = plat;
	probe.opts = &opts;
	if ( opts.probe || opts.require || !opts.quiet ) {
		if ( ( rc = main_probe_run ( &probe ) ) != 0 )
			goto out;
	}
	if ( opts.probe ) {
		main_probe_print ( &probe );
		rc = probe_check_require ( probe.report,
		                           opts.require ? opts.require
		                                        : REQUIRE_IOMMU );
		goto out;
	}
	if ( opts.require &&
	     ( rc = probe_check_require ( probe.report, opts.require ) ) ) {
		main_probe_print ( &probe );
		printf ( "xenmb: not booting Xen: %s\n",
		         xenmb_strerror ( rc ) );
		goto out;
	}

	/* The images come from the command line or from xen.cfg */
	if ( opts.cfg && opts.xen.name ) {
		printf ( "xenmb: %s: give either a Xen image or --cfg, not "
		         "both\n",
		         opts.cfg );
		rc = -XEINVAL;
		goto out;
	}
	if ( !opts.xen.name && ( rc = main_read_cfg ( plat, &opts ) ) != 0 )
		goto out;

	rc = load_and_boot ( plat, &opts, main_before_jump, &probe );
out:
	main_probe_free ( &probe );
	return rc;
}
