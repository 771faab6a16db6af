/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * bzImage header and real-mode setup of bin/xenmb.lkrn
 *
 * A loader of the Linux boot protocol (iPXE's "kernel", QEMU's -kernel,
 * GRUB's linux16) copies the real-mode part to some segment S, the rest to
 * 0x100000, fills in the header (command line, initrd) and jumps to
 * (S+0x20):0000 with DS = ES = SS = S.  This code works from any S: it
 * reloads CS so that offsets match the link addresses (linked at 0).
 *
 * In real mode it collects what only the BIOS can tell (the E820 memory
 * map, or E801 / 88h as fallbacks, INT 12h base memory, the EBDA segment),
 * enables A20, then enters 32-bit flat protected mode and jumps to
 * startup32 with ESI = linear address of the struct bios_boot_info it
 * filled (layout in src/interface/pcbios/bios_carrier.h).
 *
 * There is no multiboot1 header here: iPXE would prefer it to the
 * bzImage header.
 */

/* Offsets in struct bios_boot_info (bios_carrier.h) */
#define INFO_MAGIC 0
#define INFO_RM_BASE 4
#define INFO_E820_COUNT 8
#define INFO_BASE_KIB 12
#define INFO_EBDA_SEG 14
#define INFO_E801_AX 16
#define INFO_E801_BX 18
#define INFO_E801_CX 20
#define INFO_E801_DX 22
#define INFO_EXT_KIB 24
#define INFO_METHOD 26
#define INFO_A20 27
#define INFO_E820 28
#define INFO_SIZE ( INFO_E820 + ( E820_MAX * E820_RECORD ) )

/* "XMBI" */
#define INFO_MAGIC_VALUE 0x49424d58
/* Most E820 entries kept; one record's size */
#define E820_MAX 256
#define E820_RECORD 24
/* Most INT 15h E820 calls, counting ignored entries */
#define E820_MAX_CALLS 512
/* "SMAP" */
#define SMAP 0x534d4150
/* Memory map methods */
#define METHOD_E820 1
#define METHOD_E801 2
#define METHOD_88 3

/* Loader flags */
#define LOADED_HIGH 0x01

/* GDT selectors (startup.S) */
#define FLAT_CODE 0x08

	.section ".prefix", "awx", @progbits
	.code16
	.globl	_prefix_start_code
_prefix_start_code:

/* ---------------------------------------------------------------- header */

	/* Boot sector: not bootable on its own */
	.org	0x1f1
setup_sects:
	.byte	_setup_sects
root_flags:
	.word	0
syssize:
	.long	_syssize
ram_size:
	.word	0
vid_mode:
	.word	0xffff
root_dev:
	.word	0
boot_flag:
	.word	0xaa55

	/* Entry point (S+0x20):0000; a two-byte jump over the header */
	.org	0x200
	.byte	0xeb, ( setup_entry - header )
header:
	.ascii	"HdrS"
version:
	.word	0x0206
realmode_swtch:
	.long	0
start_sys_seg:
	.word	0x1000
kernel_version:
	.word	( version_string - 0x200 )
type_of_loader:
	.byte	0
loadflags:
	.byte	LOADED_HIGH
setup_move_size:
	.word	0
code32_start:
	.long	0x100000
ramdisk_image:
	.long	0
ramdisk_size:
	.long	0
bootsect_kludge:
	.long	0
heap_end_ptr:
	.word	0
ext_loader_ver:
	.byte	0
ext_loader_type:
	.byte	0
cmd_line_ptr:
	.long	0
initrd_addr_max:
	.long	0xffffffff
kernel_alignment:
	.long	0
relocatable_kernel:
	.byte	0
min_alignment:
	.byte	0
xloadflags:
	.word	0
cmdline_size:
	.long	0x7ff

/* ---------------------------------------------------------------- setup */

setup_entry:
	/* Segments from CS (the loader entered at S+0x20:0), own stack */
	cld
	movw	%cs, %ax
	subw	$0x20, %ax
	movw	%ax, %ds
	movw	%ax, %es
	cli
	movw	%ax, %ss
	movl	$rm_stack_top, %esp
	sti
	/* Reload CS = S so that offsets are link addresses */
	pushw	%ax
	pushw	$1f
	lret
1:
	/* Zero the real-mode scratch */
	movw	$_bss16_start, %di
	movw	$_bss16_size, %cx
	xorb	%al, %al
	rep stosb

	/* Record where we are */
	movl	$INFO_MAGIC_VALUE, ( boot_info + INFO_MAGIC )
	movw	%ds, %ax
	movzwl	%ax, %eax
	shll	$4, %eax
	movl	%eax, ( boot_info + INFO_RM_BASE )

	/* Base memory size (INT 12h) and the EBDA segment (BDA 40:0E) */
	int	$0x12
	movw	%ax, ( boot_info + INFO_BASE_KIB )
	pushw	%ds
	movw	$0x40, %ax
	movw	%ax, %ds
	movw	0x0e, %ax
	popw	%ds
	movw	%ax, ( boot_info + INFO_EBDA_SEG )

	call	read_memory_map
	call	enable_a20
	jnc	2f
	movw	$a20_message, %si
	call	print_message
	jmp	halt
2:	movb	$1, ( boot_info + INFO_A20 )

	/* Enter 32-bit flat protected mode and jump to startup32 */
	cli
	lgdtl	gdtr
	movl	%cr0, %eax
	orb	$0x01, %al
	movl	%eax, %cr0
	movl	( boot_info + INFO_RM_BASE ), %esi
	addl	$boot_info, %esi
	ljmpl	$FLAT_CODE, $startup32

halt:
	cli
	hlt
	jmp	halt

/**
 * Read the memory map: E820 first, else E801, else 88h
 */
read_memory_map:
	call	read_e820
	cmpw	$0, ( boot_info + INFO_E820_COUNT )
	je	1f
	movb	$METHOD_E820, ( boot_info + INFO_METHOD )
	ret
1:	/* E801: KiB 1-16 MiB in AX/CX, 64 KiB blocks above in BX/DX */
	xorw	%bx, %bx
	xorw	%cx, %cx
	xorw	%dx, %dx
	movw	$0xe801, %ax
	int	$0x15
	jc	2f
	movw	%ax, ( boot_info + INFO_E801_AX )
	movw	%bx, ( boot_info + INFO_E801_BX )
	movw	%cx, ( boot_info + INFO_E801_CX )
	movw	%dx, ( boot_info + INFO_E801_DX )
	movb	$METHOD_E801, ( boot_info + INFO_METHOD )
	ret
2:	/* 88h: KiB above 1 MiB (at most 64 MiB) */
	movb	$0x88, %ah
	int	$0x15
	jc	3f
	movw	%ax, ( boot_info + INFO_EXT_KIB )
	movb	$METHOD_88, ( boot_info + INFO_METHOD )
3:	ret

/**
 * Read every E820 entry into boot_info
 *
 * Stops at EBX = 0, at CF set or a wrong signature (end of list on some
 * BIOSes), when the buffer is full, or after E820_MAX_CALLS calls.
 * Entries shorter than 20 bytes, and 24-byte entries whose ACPI 3.0
 * "enabled" bit is clear, are skipped.
 */
read_e820:
	xorl	%ebx, %ebx
	movw	$E820_MAX_CALLS, e820_calls
	movw	$( boot_info + INFO_E820 ), e820_next
1:	movw	e820_next, %di
	movl	$1, %es:20(%di)
	movl	$0xe820, %eax
	movl	$SMAP, %edx
	movl	$E820_RECORD, %ecx
	pushw	%ds
	pushw	%es
	int	$0x15
	popw	%es
	popw	%ds
	jc	4f
	cmpl	$SMAP, %eax
	jne	4f
	cmpl	$20, %ecx
	jb	3f
	je	2f
	testb	$0x01, %es:20(%di)
	jz	3f
2:	/* Keep this entry */
	addw	$E820_RECORD, e820_next
	incw	( boot_info + INFO_E820_COUNT )
	cmpw	$E820_MAX, ( boot_info + INFO_E820_COUNT )
	jae	4f
3:	testl	%ebx, %ebx
	jz	4f
	decw	e820_calls
	jnz	1b
4:	ret

/**
 * Check whether A20 is enabled
 *
 * @ret ZF		Clear if enabled (0000:0500 and FFFF:0510 differ)
 */
check_a20:
	pushw	%ds
	pushw	%es
	xorw	%ax, %ax
	movw	%ax, %ds
	notw	%ax
	movw	%ax, %es
	movb	0x500, %dl
	movb	%es:0x510, %dh
	movb	$0x00, 0x500
	movb	$0xff, %es:0x510
	cmpb	$0xff, 0x500
	movb	%dh, %es:0x510
	movb	%dl, 0x500
	popw	%es
	popw	%ds
	ret

/**
 * Enable A20: BIOS call, then port 0x92, then the keyboard controller
 *
 * @ret CF		Set if A20 stays disabled
 */
enable_a20:
	call	check_a20
	jne	9f
	/* BIOS */
	movw	$0x2401, %ax
	int	$0x15
	call	check_a20
	jne	9f
	/* Fast A20 (port 0x92), never touching the reset bit */
	inb	$0x92, %al
	orb	$0x02, %al
	andb	$0xfe, %al
	outb	%al, $0x92
	call	check_a20
	jne	9f
	/* Keyboard controller: write output port with A20 set */
	call	kbc_wait
	movb	$0xd1, %al
	outb	%al, $0x64
	call	kbc_wait
	movb	$0xdf, %al
	outb	%al, $0x60
	call	kbc_wait
	movw	$0xffff, %cx
1:	call	check_a20
	jne	9f
	loop	1b
	stc
	ret
9:	clc
	ret

/**
 * Wait (bounded) for the keyboard controller's input buffer to empty
 */
kbc_wait:
	movw	$0xffff, %cx
1:	inb	$0x64, %al
	testb	$0x02, %al
	loopnz	1b
	ret

/**
 * Print a NUL-terminated message with the BIOS (INT 10h teletype)
 *
 * @v si		Message
 */
print_message:
1:	lodsb
	testb	%al, %al
	jz	2f
	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	jmp	1b
2:	ret

/* ---------------------------------------------------------------- data */

	.balign	8
gdtr:
	.word	_gdt_limit
	.long	gdt

e820_calls:
	.word	0
e820_next:
	.word	0

a20_message:
	.asciz	"xenmb: cannot enable the A20 gate\r\n"

	/* Keep in step with XENMB_VERSION in xenmb.h */
version_string:
	.asciz	"xenmb 0.1 (BIOS bzImage carrier)"

/* ---------------------------------------------------------------- scratch */

	.section ".bss16", "aw", @nobits
	.balign	16
boot_info:
	.space	INFO_SIZE
	.balign	16
rm_stack:
	.space	2048
rm_stack_top:

	/* No executable stack */
	.section ".note.GNU-stack", "", @progbits
