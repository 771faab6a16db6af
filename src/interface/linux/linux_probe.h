/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb-probe: the Linux carrier's internal interfaces
 *
 * Reading ACPI tables from files (sysfs, --tables DIR, --table FILE) and
 * the platform interface; the probe and its report are the core's
 * (src/usr/iommuprobe.c).
 */
#ifndef XENMB_LINUX_PROBE_H
#define XENMB_LINUX_PROBE_H

#include <stdio.h>
#include <xenmb/acpi.h>

struct arena;
struct platform;

/** Where Linux shows the firmware's ACPI tables */
#define LINUX_ACPI_TABLES "/sys/firmware/acpi/tables"

/**
 * Add one table file to a collection
 *
 * @v tables		Collection
 * @v arena		Memory for the table copy
 * @v path		File name
 * @ret rc		0, or negative (-XEIO, -XEACPILEN, ...)
 */
int linux_table_file ( struct acpi_tables *tables, struct arena *arena,
                       const char *path );

/**
 * Add every table file of a directory (sorted by name)
 *
 * @v tables		Collection
 * @v arena		Memory for the table copies
 * @v dir		Directory (DIR/<SIG> files, as in sysfs)
 * @v verbose		Nonzero to name files that are not tables
 * @ret rc		0, or -XENOENT if the directory cannot be read
 */
int linux_table_dir ( struct acpi_tables *tables, struct arena *arena,
                      const char *dir, int verbose );

/**
 * Fill the platform interface
 *
 * @v plat		Platform to fill
 * @v dumps		Nonzero when probing table dumps (no hardware)
 */
void linux_platform_init ( struct platform *plat, int dumps );

#endif /* XENMB_LINUX_PROBE_H */
