/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * CPUID and RDMSR on this CPU, as struct cpu_ops for the CPU probe
 * (drivers/iommu/cpu.c decides from the values)
 */
#include <stddef.h>
#include <stdint.h>
#include <xenmb/cpu.h>
#include <xenmb/cpu_native.h>

/**
 * Run CPUID on this CPU
 *
 * @v ctx		Unused
 * @v leaf		EAX
 * @v subleaf		ECX
 * @v regs		EAX, EBX, ECX, EDX out
 */
static void cpu_native_cpuid ( void *ctx, uint32_t leaf, uint32_t subleaf,
                               uint32_t regs[4] ) {
	( void )ctx;
	__asm__ __volatile__( "cpuid"
	                      : "=a"( regs[0] ), "=b"( regs[1] ),
	                        "=c"( regs[2] ), "=d"( regs[3] )
	                      : "a"( leaf ), "c"( subleaf ) );
}

/**
 * Read an MSR on this CPU (ring 0 only)
 *
 * @v ctx		Unused
 * @v msr		MSR
 * @v val		Value
 * @ret rc		0
 */
static int cpu_native_rdmsr ( void *ctx, uint32_t msr, uint64_t *val ) {
	uint32_t lo;
	uint32_t hi;

	( void )ctx;
	__asm__ __volatile__( "rdmsr" : "=a"( lo ), "=d"( hi ) : "c"( msr ) );
	*val = ( ( ( uint64_t )hi << 32 ) | lo );
	return 0;
}

/**
 * Fill the operations that run on this CPU
 *
 * @v ops		Operations
 * @v ring0		Nonzero if RDMSR may be used (firmware carriers)
 */
void cpu_native_ops ( struct cpu_ops *ops, int ring0 ) {
	ops->cpuid = cpu_native_cpuid;
	ops->rdmsr = ( ring0 ? cpu_native_rdmsr : NULL );
	ops->ctx = NULL;
}
