/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The probe's reports: summary, verbose listing, JSON, --require
 */
#ifndef XENMB_PROBEREPORT_H
#define XENMB_PROBEREPORT_H

#include <xenmb/iommuprobe.h>

struct json;

/**
 * Write the "acpi", "dmar", "ivrs", "viot" and "mcfg" members of the report
 *
 * @v iommu		Decoded tables
 * @v json		JSON writer, inside the report object
 */
void acpi_iommu_json ( const struct acpi_iommu *iommu, struct json *json );

extern void probe_print_summary ( const struct probe_report *report );
extern void probe_print_verbose ( const struct probe_report *report );
extern int probe_print_json ( const struct probe_report *report );
extern int probe_check_require ( const struct probe_report *report,
                                 unsigned int require );

#endif /* XENMB_PROBEREPORT_H */
