/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The Xen 4.17 verdict for VT-d (called by verdict_decide)
 */
#ifndef XENMB_VERDICT_VTD_H
#define XENMB_VERDICT_VTD_H

struct verdict_input;
struct verdict;

extern int vtd_parse ( const struct verdict_input *in, struct verdict *out );
extern void vtd_x2apic ( const struct verdict_input *in, struct verdict *out );
extern void vtd_setup ( const struct verdict_input *in, struct verdict *out );

#endif /* XENMB_VERDICT_VTD_H */
