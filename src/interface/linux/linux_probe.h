/** @file
 *
 * xenmb-probe: the Linux carrier's internal interfaces
 *
 * Reading ACPI tables from files (sysfs, --tables DIR, --table FILE) and
 * writing the report.  The report functions are the stand-in until the
 * core probe (src/core/probe.c) takes over the whole report.
 */
#ifndef XENMB_LINUX_PROBE_H
#define XENMB_LINUX_PROBE_H

#include <stdio.h>
#include <xenmb/acpi.h>

struct arena;

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
 * Write the JSON report (ACPI parts; no PCI/CPU data yet)
 *
 * @v out		Output stream
 * @v iommu		Decoded tables
 * @v source		"linux" or "tables"
 * @ret rc		0 or negative
 */
int linux_report_json ( FILE *out, const struct acpi_iommu *iommu,
                        const char *source );

/**
 * Write the readable report
 *
 * @v out		Output stream
 * @v iommu		Decoded tables
 * @v verbose		Nonzero for every structure, zero for a summary
 */
void linux_report_text ( FILE *out, const struct acpi_iommu *iommu,
                         int verbose );

/**
 * Does the firmware give an IOMMU (and interrupt remapping)?
 *
 * @v iommu		Decoded tables
 * @v intremap		Nonzero on return if interrupt remapping is offered
 * @ret present		Nonzero if a usable DMAR or IVRS describes an IOMMU
 */
int linux_report_iommu ( const struct acpi_iommu *iommu, int *intremap );

#endif /* XENMB_LINUX_PROBE_H */
