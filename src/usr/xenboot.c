/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb's main flow, shared by the BIOS and UEFI carriers
 *
 * Parse the command line (and xen.cfg), run the probe, then load Xen and
 * its modules and hand over.  Every failure has been printed as a sentence
 * naming the file or option by the time this returns.
 */
#include <stdio.h>
#include <string.h>
#include <xenmb/arena.h>
#include <xenmb/errors.h>
#include <xenmb/load.h>
#include <xenmb/options.h>
#include <xenmb/iommuprobe.h>
#include <xenmb/probereport.h>
#include <xenmb/xenmb.h>

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

/**
 * Print a short usage reminder
 */
static void main_usage ( void ) {
	printf (
	        "usage: xenmb [--probe] [--json] [--require=iommu,intremap,"
	        "sriov] [--mb1]\n"
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
