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
#include <xenmb/errors.h>
#include <xenmb/load.h>
#include <xenmb/options.h>
#include <xenmb/xenmb.h>

/** Name of the config file used when no Xen image is named */
#define MAIN_DEFAULT_CFG "xen.cfg"

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
 * Called right before the jump: the probe summary goes here
 *
 * @v plat		Platform
 */
static void main_before_jump ( struct platform *plat ) {
	( void )plat;
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
	int rc;

	options_init ( &opts );
	plat->reboot_timeout = opts.timeout;
	rc = cmdline_parse ( cmdline, &opts );
	if ( rc != 0 ) {
		printf ( "xenmb: %s%s%s\n", opts.bad_word ? opts.bad_word : "",
		         opts.bad_word ? ": " : "", xenmb_strerror ( rc ) );
		main_usage ();
		return rc;
	}
	plat->reboot_timeout = opts.timeout;
	if ( !opts.quiet )
		printf ( "xenmb %s (%s)\n", XENMB_VERSION, plat->name );

	if ( opts.probe ) {
		printf ( "xenmb: the probe is not built into this version\n" );
		return -XENOTSUP;
	}

	/* The images come from the command line or from xen.cfg */
	if ( opts.cfg && opts.xen.name ) {
		printf ( "xenmb: %s: give either a Xen image or --cfg, not "
		         "both\n",
		         opts.cfg );
		return -XEINVAL;
	}
	if ( !opts.xen.name && ( rc = main_read_cfg ( plat, &opts ) ) != 0 )
		return rc;

	return load_and_boot ( plat, &opts,
	                       opts.quiet ? NULL : main_before_jump );
}
