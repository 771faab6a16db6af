/** @file
 *
 * xenmb-probe: the Linux carrier
 *
 *   xenmb-probe [--json] [--tables DIR] [--table FILE]... [--require=LIST]
 *               [--verbose]
 *
 * Reads the firmware's ACPI tables from /sys/firmware/acpi/tables, or a
 * dump (--tables DIR: DIR/<SIG> files; --table FILE: single tables, for
 * tests), decodes them with the core and prints the report.  Exit status:
 * 0 if the firmware gives Xen an IOMMU (or every --require holds), 1 if
 * not, 2 for a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/acpi.h>
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
	/** --require: IOMMU, interrupt remapping, SR-IOV */
	int need_iommu;
	int need_intremap;
	int need_sriov;
};

/**
 * Print usage
 *
 * @v out		Stream
 */
static void probe_usage ( FILE *out ) {
	fprintf ( out, "usage: xenmb-probe [--json] [--tables DIR] "
	               "[--table FILE]... [--require=iommu,intremap,sriov] "
	               "[--verbose]\n" );
}

/**
 * Parse a --require list
 *
 * @v args		Arguments
 * @v list		Comma-separated list
 * @ret rc		0 or -XEOPTVAL
 */
static int probe_parse_require ( struct probe_args *args, const char *list ) {
	const char *p = list;
	size_t len;

	while ( *p ) {
		len = strcspn ( p, "," );
		if ( ( len == 5 ) && ( strncmp ( p, "iommu", 5 ) == 0 ) )
			args->need_iommu = 1;
		else if ( ( len == 8 ) &&
		          ( strncmp ( p, "intremap", 8 ) == 0 ) )
			args->need_intremap = 1;
		else if ( ( len == 5 ) && ( strncmp ( p, "sriov", 5 ) == 0 ) )
			args->need_sriov = 1;
		else
			return -XEOPTVAL;
		p += len;
		if ( *p == ',' )
			p++;
	}
	return 0;
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
			if ( probe_parse_require ( args, ( argv[i] + 10 ) ) ) {
				fprintf ( stderr,
				          "xenmb-probe: %s: %s (use iommu, "
				          "intremap, sriov)\n",
				          argv[i],
				          xenmb_strerror ( -XEOPTVAL ) );
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
 * Decide the exit status
 *
 * @v args		Arguments
 * @v iommu		Decoded tables
 * @ret status		0 or 1
 */
static int probe_status ( const struct probe_args *args,
                          const struct acpi_iommu *iommu ) {
	int intremap;
	int present = linux_report_iommu ( iommu, &intremap );
	int ok = 1;

	if ( !( args->need_iommu || args->need_intremap || args->need_sriov ) )
		return ( present ? 0 : 1 );
	if ( args->need_iommu && !present ) {
		fprintf ( stderr,
		          "xenmb-probe: required: iommu: not offered\n" );
		ok = 0;
	}
	if ( args->need_intremap && !intremap ) {
		fprintf ( stderr,
		          "xenmb-probe: required: intremap: not offered\n" );
		ok = 0;
	}
	if ( args->need_sriov ) {
		fprintf ( stderr, "xenmb-probe: required: sriov: no PCI data "
		                  "in this probe\n" );
		ok = 0;
	}
	return ( ok ? 0 : 1 );
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
	struct acpi_iommu iommu;
	struct probe_args args;
	struct arena arena;
	void *buf;
	int status = 2;

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
	if ( acpi_parse_iommu ( &iommu, &tables, &arena ) != 0 ) {
		fprintf ( stderr, "xenmb-probe: %s\n",
		          xenmb_strerror ( -XENOMEM ) );
		goto err_parse;
	}
	if ( !args.json || args.verbose )
		linux_report_text ( ( args.json ? stderr : stdout ), &iommu,
		                    args.verbose );
	if ( args.json &&
	     linux_report_json (
	             stdout, &iommu,
	             ( ( args.dir || args.files ) ? "tables" : "linux" ) ) )
		goto err_json;
	status = probe_status ( &args, &iommu );

err_json:
err_parse:
err_collect:
	free ( buf );
err_alloc:
err_args:
	return status;
}
