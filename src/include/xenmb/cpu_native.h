/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * CPUID and RDMSR on this CPU
 */
#ifndef XENMB_CPU_NATIVE_H
#define XENMB_CPU_NATIVE_H

struct cpu_ops;

extern void cpu_native_ops ( struct cpu_ops *ops, int ring0 );

#endif /* XENMB_CPU_NATIVE_H */
