/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The Xen 4.17 verdict for AMD-Vi (called by verdict_decide)
 */
#ifndef XENMB_VERDICT_AMD_H
#define XENMB_VERDICT_AMD_H

struct verdict_input;
struct verdict;

extern void amdvi_decide ( const struct verdict_input *in,
                           struct verdict *out );

#endif /* XENMB_VERDICT_AMD_H */
