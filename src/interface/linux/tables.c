/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb-probe: ACPI tables from files
 *
 * Linux shows each firmware table as a file under /sys/firmware/acpi/
 * tables, named by signature (SSDT1, SSDT2... for repeats); --tables DIR
 * reads a dump laid out the same way, --table FILE one file.  Each file
 * is checked like a table found in memory (acpi_tables_add).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/acpi.h>
#include "linux_probe.h"

/** Longest path built from a directory and a file name */
#define LINUX_PATH_MAX 4096

/**
 * Add one table file to a collection
 *
 * @v tables		Collection
 * @v arena		Memory for the table copy
 * @v path		File name
 * @ret rc		0, or negative (-XEIO, -XEACPILEN, ...)
 */
int linux_table_file ( struct acpi_tables *tables, struct arena *arena,
                       const char *path ) {
	static uint8_t buf[ACPI_TABLE_MAX + 1];
	FILE *file;
	size_t len;
	int rc;

	if ( !( file = fopen ( path, "rb" ) ) ) {
		rc = -XENOENT;
		goto err_open;
	}
	len = fread ( buf, 1, sizeof ( buf ), file );
	if ( ferror ( file ) ) {
		rc = -XEIO;
		goto err_read;
	}
	if ( len > ACPI_TABLE_MAX ) {
		rc = -XEACPILEN;
		goto err_read;
	}
	rc = acpi_tables_add ( tables, arena, buf, len, 0 );

err_read:
	fclose ( file );
err_open:
	return rc;
}

/**
 * Compare directory entry names (for qsort)
 *
 * @v a			First name pointer
 * @v b			Second name pointer
 * @ret order		strcmp order
 */
static int linux_name_cmp ( const void *a, const void *b ) {
	return strcmp ( *( char *const * )a, *( char *const * )b );
}

/**
 * Add every table file of a directory (sorted by name)
 *
 * @v tables		Collection
 * @v arena		Memory for the table copies
 * @v dir		Directory
 * @v verbose		Nonzero to name files that are not tables
 * @ret rc		0, or -XENOENT if the directory cannot be read
 */
int linux_table_dir ( struct acpi_tables *tables, struct arena *arena,
                      const char *dir, int verbose ) {
	char *names[ACPI_MAX_TABLES * 2];
	char path[LINUX_PATH_MAX];
	struct dirent *dirent;
	struct stat st;
	unsigned int count = 0;
	unsigned int i;
	DIR *handle;
	int rc;

	if ( !( handle = opendir ( dir ) ) )
		return -XENOENT;

	/* Collect the names, so that the order does not depend on the
	 * file system */
	while ( ( dirent = readdir ( handle ) ) &&
	        ( count < ( sizeof ( names ) / sizeof ( names[0] ) ) ) ) {
		if ( dirent->d_name[0] == '.' )
			continue;
		if ( !( names[count] = strdup ( dirent->d_name ) ) )
			break;
		count++;
	}
	closedir ( handle );
	qsort ( names, count, sizeof ( names[0] ), linux_name_cmp );

	/* Add each regular file */
	for ( i = 0; i < count; i++ ) {
		snprintf ( path, sizeof ( path ), "%s/%s", dir, names[i] );
		if ( ( stat ( path, &st ) == 0 ) && S_ISREG ( st.st_mode ) &&
		     ( ( rc = linux_table_file ( tables, arena, path ) ) !=
		       0 ) ) {
			tables->bad++;
			if ( verbose )
				fprintf ( stderr, "xenmb-probe: %s: %s\n", path,
				          xenmb_strerror ( rc ) );
		}
		free ( names[i] );
	}
	return 0;
}
