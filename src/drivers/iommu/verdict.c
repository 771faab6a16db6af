/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The Xen 4.17 verdict
 *
 * Replays, on the decoded tables and the registers read, the decisions
 * Xen 4.17 takes while booting (xen/drivers/passthrough, tag
 * RELEASE-4.17.5), in the order Xen takes them:
 *
 *  - x86/iommu.c acpi_iommu_init: DMAR first; IVRS only when
 *    acpi_dmar_init returned -ENODEV (no DMAR, or a DRHD Xen cannot use);
 *    any other failure disables the IOMMU and interrupt remapping.
 *  - vtd/dmar.c and vtd/iommu.c (parse, vtd_setup, init_vtd_hw) for VT-d;
 *  - amd/iommu_acpi.c, iommu_detect.c, iommu_init.c for AMD-Vi;
 *  - iommu.c iommu_setup: interrupt remapping needs the IOMMU enabled.
 *
 * The VT-d rules are in verdict_vtd.c, the AMD-Vi rules in verdict_amd.c;
 * this file holds the order and the reason/suggestion lists.  Every rule
 * says which function it mirrors.  Reasons are sentences that
 * name the table and field; suggestions are Xen command-line options.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/verdict.h>
#include <xenmb/verdict_amd.h>
#include <xenmb/verdict_vtd.h>

/** Add a reason
 *
 * @v out		Verdict
 * @v fmt		Format
 * @v ...		Arguments
 */
void __attribute__ ( ( format ( printf, 2, 3 ) ) )
verdict_reason ( struct verdict *out, const char *fmt, ... ) {
	va_list args;

	if ( out->reason_count >= VERDICT_MAX_REASONS )
		return;
	va_start ( args, fmt );
	vsnprintf ( out->reason[out->reason_count++], VERDICT_REASON_LEN, fmt,
	            args );
	va_end ( args );
}

/** Add a suggestion, once
 *
 * @v out		Verdict
 * @v fmt		Format
 * @v ...		Arguments
 */
void __attribute__ ( ( format ( printf, 2, 3 ) ) )
verdict_suggest ( struct verdict *out, const char *fmt, ... ) {
	char text[VERDICT_SUGGEST_LEN];
	va_list args;
	unsigned int i;

	va_start ( args, fmt );
	vsnprintf ( text, sizeof ( text ), fmt, args );
	va_end ( args );
	for ( i = 0; i < out->suggest_count; i++ ) {
		if ( strcmp ( out->suggest[i], text ) == 0 )
			return;
	}
	if ( out->suggest_count < VERDICT_MAX_SUGGEST )
		memcpy ( out->suggest[out->suggest_count++], text,
		         sizeof ( text ) );
}

/**
 * Decide what Xen 4.17 will do
 *
 * @v in		Input
 * @v out		Verdict
 */
void verdict_decide ( const struct verdict_input *in, struct verdict *out ) {
	int rc = -XENOENT;

	memset ( out, 0, sizeof ( *out ) );
	out->boots = 1;

	/* acpi_iommu_init: DMAR first */
	if ( in->dmar_present ) {
		out->driver = VERDICT_VTD;
		rc = vtd_parse ( in, out );
		if ( rc == 0 ) {
			out->iommu = out->intremap = 1;
			vtd_x2apic ( in, out );
			vtd_setup ( in, out );
		}
	}
	if ( rc == -XENOENT ) {
		if ( in->ivrs_present ) {
			amdvi_decide ( in, out );
		} else if ( !in->dmar_present ) {
			out->driver = VERDICT_NONE;
			verdict_reason ( out,
			                 "ACPI: no DMAR and no IVRS table, so "
			                 "Xen finds no IOMMU (the firmware "
			                 "must publish one)" );
		} else {
			out->iommu = out->intremap = 0;
		}
	}

	/* iommu_setup: no interrupt remapping without the IOMMU */
	if ( !out->iommu )
		out->intremap = 0;
}
