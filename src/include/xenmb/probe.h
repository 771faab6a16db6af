/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The IOMMU/SR-IOV probe: discovery, PCI, CPU, registers, device to
 * IOMMU mapping, the Xen verdict, and the reports (summary, verbose, JSON)
 */
#ifndef XENMB_PROBE_H
#define XENMB_PROBE_H

#include <stdint.h>
#include <xenmb/platform.h>
#include <xenmb/acpi.h>
#include <xenmb/cpu.h>
#include <xenmb/pci.h>
#include <xenmb/verdict.h>

struct arena;

/** Most PCI functions kept */
#define PROBE_MAX_PCI 512
/** Most ECAM windows used */
#define PROBE_MAX_ECAM 16

/** The probe's findings */
struct probe_report {
	/** JSON "source": the carrier's name */
	const char *source;
	/** Tables (the caller's, or discovered) */
	const struct acpi_tables *tables;
	/** Decoded IOMMU tables */
	struct acpi_iommu acpi;
	/** CPU, and whether it was probed */
	struct cpu_info cpu;
	int cpu_valid;
	/** ECAM windows from MCFG */
	struct pci_ecam ecam[PROBE_MAX_ECAM];
	unsigned int ecam_count;
	/** PCI access used */
	struct pci_access pci_access;
	/** PCI functions, and whether PCI was scanned */
	struct pci_scan pci;
	int pci_valid;
	/** VT-d registers per DRHD, AMD-Vi registers per IVHD (or NULL) */
	struct vtd_regs *vtd;
	struct amdvi_regs *amdvi;
	/** MADT IO-APICs */
	struct madt madt;
	/** The verdict */
	struct verdict verdict;
};

extern int probe_run ( struct platform *plat, struct arena *arena,
                       const struct acpi_tables *tables,
                       struct probe_report *report );
extern void probe_print_summary ( const struct probe_report *report );
extern void probe_print_verbose ( const struct probe_report *report );
extern int probe_print_json ( const struct probe_report *report );
extern int probe_check_require ( const struct probe_report *report,
                                 unsigned int require );

#endif /* XENMB_PROBE_H */
