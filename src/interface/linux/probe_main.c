/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb-probe: the Linux carrier
 *
 *   xenmb-probe [--json] [--tables DIR] [--table FILE]... [--require=LIST]
 *               [--verbose]
 *
 * Reads the firmware's ACPI tables from /sys/firmware/acpi/tables, or a
 * dump (--tables DIR: DIR/<SIG> files; --table FILE: single tables, for
 * tests), and runs the core's probe on them (with PCI from sysfs on a
 * running system; nothing but the tables for dumps).  Prints the summary
 * (every finding with --verbose) and, with --json, the report line
 * "XENMB-JSON {...}".  Exit status: 0 if Xen will enable the IOMMU (or
 * every --require holds), 1 if not, 2 for a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/acpi.h>
#include <xenmb/options.h>
#include <xenmb/platform.h>
#include <xenmb/iommuprobe.h>
#include <xenmb/probereport.h>
#include "linux_probe.h"

/** Size of the arena for table copies and decoded structures */
#define PROBE_ARENA_SIZE ( 8 * 1024 * 1024 )

/** Most --table files */
#define PROBE_MAX_FILES 32

/** What the command line asked for */
struct probe_args {
	/** Print the JSON report */
	int json;
	/** Print every structure */
	int verbose;
	/** Table directory, or NULL for sysfs */
	const char *dir;
	/** Single table files */
	const char *file[PROBE_MAX_FILES];
	unsigned int files;
	/** --require=LIST: REQUIRE_xxx bits */
	unsigned int require;
};

/**
 * Print usage
 *
 * @v out		Stream
 */
static void probe_usage ( FILE *out ) {
	fprintf ( out, "usage: xenmb-probe [--json] [--tables DIR] "
	               "[--table FILE]... [--require=" REQUIRE_WORDS "] "
	               "[--verbose]\n" );
}

/**
 * Parse the command line
 *
 * @v args		Arguments to fill
 * @v argc		Argument count
 * @v argv		Arguments
 * @ret rc		0, or negative with a message printed
 */
static int probe_parse_args ( struct probe_args *args, int argc, char **argv ) {
	const char *bad;
	int i;

	memset ( args, 0, sizeof ( *args ) );
	for ( i = 1; i < argc; i++ ) {
		if ( strcmp ( argv[i], "--json" ) == 0 ) {
			args->json = 1;
		} else if ( strcmp ( argv[i], "--verbose" ) == 0 ) {
			args->verbose = 1;
		} else if ( ( strcmp ( argv[i], "--tables" ) == 0 ) &&
		            ( ( i + 1 ) < argc ) ) {
			args->dir = argv[++i];
		} else if ( strncmp ( argv[i], "--tables=", 9 ) == 0 ) {
			args->dir = ( argv[i] + 9 );
		} else if ( ( strcmp ( argv[i], "--table" ) == 0 ) &&
		            ( ( i + 1 ) < argc ) &&
		            ( args->files < PROBE_MAX_FILES ) ) {
			args->file[args->files++] = argv[++i];
		} else if ( strncmp ( argv[i], "--require=", 10 ) == 0 ) {
			if ( cmdline_parse_require ( ( argv[i] + 10 ),
			                             &args->require, &bad ) ) {
				fprintf ( stderr,
				          "xenmb-probe: --require: %s: %s (use "
				          "%s)\n",
				          bad, xenmb_strerror ( -XEOPTVAL ),
				          REQUIRE_WORDS );
				return -XEOPTVAL;
			}
		} else {
			fprintf ( stderr, "xenmb-probe: %s: %s\n", argv[i],
			          xenmb_strerror ( -XEOPTION ) );
			return -XEOPTION;
		}
	}
	return 0;
}

/**
 * Collect the tables the arguments name
 *
 * @v args		Arguments
 * @v tables		Collection
 * @v arena		Memory
 * @ret rc		0 or negative (a message is printed)
 */
static int probe_collect ( const struct probe_args *args,
                           struct acpi_tables *tables, struct arena *arena ) {
	const char *dir = ( args->dir ? args->dir : LINUX_ACPI_TABLES );
	unsigned int i;
	int rc;

	memset ( tables, 0, sizeof ( *tables ) );
	for ( i = 0; i < args->files; i++ ) {
		if ( ( rc = linux_table_file ( tables, arena,
		                               args->file[i] ) ) != 0 ) {
			fprintf ( stderr, "xenmb-probe: %s: %s\n",
			          args->file[i], xenmb_strerror ( rc ) );
			return rc;
		}
	}
	if ( args->files && ( !args->dir ) )
		return 0;
	if ( ( rc = linux_table_dir ( tables, arena, dir, args->verbose ) ) ) {
		fprintf ( stderr, "xenmb-probe: %s: %s\n", dir,
		          xenmb_strerror ( rc ) );
		return rc;
	}
	return 0;
}

/**
 * Main entry
 *
 * @v argc		Argument count
 * @v argv		Arguments
 * @ret status		Exit status: 0 IOMMU (or requirements) ok, 1 not,
 *			2 usage error
 */
int main ( int argc, char **argv ) {
	static struct acpi_tables tables;
	static struct probe_report report;
	struct probe_args args;
	struct platform plat;
	struct arena arena;
	void *buf;
	int status = 2;
	int rc;

	if ( probe_parse_args ( &args, argc, argv ) != 0 ) {
		probe_usage ( stderr );
		goto err_args;
	}
	if ( !( buf = malloc ( PROBE_ARENA_SIZE ) ) ) {
		fprintf ( stderr, "xenmb-probe: %s\n",
		          xenmb_strerror ( -XENOMEM ) );
		goto err_alloc;
	}
	arena_init ( &arena, buf, PROBE_ARENA_SIZE );
	status = 1;
	if ( probe_collect ( &args, &tables, &arena ) != 0 )
		goto err_collect;

	/* Run the core's probe and report */
	linux_platform_init ( &plat, ( args.dir || args.files ) );
	if ( ( rc = probe_run ( &plat, &arena, &tables, &report ) ) != 0 ) {
		fprintf ( stderr, "xenmb-probe: %s\n", xenmb_strerror ( rc ) );
		goto err_probe;
	}
	probe_print_summary ( &report );
	if ( args.verbose )
		probe_print_verbose ( &report );
	if ( args.json && ( ( rc = probe_print_json ( &report ) ) != 0 ) ) {
		fprintf ( stderr, "xenmb-probe: JSON: %s\n",
		          xenmb_strerror ( rc ) );
		goto err_json;
	}
	fflush ( stdout );

	/* Exit status: --require, or whether Xen gets an IOMMU */
	if ( args.require )
		status = ( probe_check_require ( &report, args.require ) ? 1
		                                                         : 0 );
	else
		status = ( report.verdict.iommu ? 0 : 1 );

err_json:
err_probe:
err_collect:
	free ( buf );
err_alloc:
err_args:
	return status;
}
