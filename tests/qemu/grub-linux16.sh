#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/qemu/grub-linux16.sh: boot Xen through GRUB's linux16 and xenmb.lkrn
#
# Usage: tests/qemu/grub-linux16.sh [XENMB_LKRN]
#
# Checks that GRUB 2 for BIOS (Debian's grub-pc-bin) accepts xenmb.lkrn
# with `linux16` and hands it a raw newc cpio with `initrd16`, the way a
# user would boot Xen from a local disk without iPXE.
#
# The test builds, without root and without mounting anything, a disk
# image that SeaBIOS boots like a real hard disk:
#   sector 0        GRUB's boot.img (MBR code) + one FAT16 partition entry
#   sectors 1..     core.img from grub-mkimage (diskboot.img first: its
#                   default block list reads the rest from sector 2 on),
#                   with the modules it needs and an early config that
#                   puts GRUB's console on the serial port
#   sector 2048..   the FAT16 partition (mkfs.fat + mtools): xenmb.lkrn,
#                   files.cpio (xen.gz, vmlinuz, initrd.gz) and
#                   boot/grub/grub.cfg, which runs linux16/initrd16/boot
# then boots it in QEMU (TCG, SeaBIOS, -nographic) and watches the serial
# console until dom0's initramfs reports in, something fails, or the
# timeout passes.  One QEMU at a time, stopped by its PID.
#
# Passes when the console shows GRUB running grub.cfg, xenmb's lines,
# Xen's banner, "(XEN) Bootloader: xenmb", Xen's command line, the dom0
# marker XENMB-DOM0-UP and "XENMB-CMDLINE: console=hvc0".
#
# Environment: TIMEOUT (seconds, default 240), MEM (MiB, default 1024),
# KEEP=1 keeps the work directory, LOG (copy the console log there),
# XENMB_CACHE (payloads, default /var/cache/xenmb).
# Exit status 0 on success, 1 on failure, 2 if something is missing; the
# last line says which.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lkrn=${1:-$root/bin/xenmb.lkrn}
timeout=${TIMEOUT:-240}
cache=${XENMB_CACHE:-/var/cache/xenmb}
grubdir=/usr/lib/grub/i386-pc

# What xenmb gets from GRUB (GRUB puts "BOOT_IMAGE=/xenmb.lkrn" first)
xen_args="console=com1 com1=115200,8n1 dom0_mem=512M"
dom0_args="console=hvc0"
lkrn_args="--timeout=3 xen.gz $xen_args --- vmlinuz $dom0_args --- initrd.gz"

# The FAT partition: starts at 1 MiB (leaves room for core.img), 64 MiB
part_start=2048
part_kib=65536

say () {
	echo "grub-linux16: $*"
}

# Last line on every way out: the verdict
finish () {
	say "$1"
	exit "$2"
}

need_file () {
	[ -f "$1" ] || finish "ERROR: $1 not found${2:+ ($2)}" 2
}

# GRUB for BIOS comes from Debian's grub-pc-bin (not grub-pc, which would
# install itself to this machine's disk)
ensure_grub () {
	if [ -f "$grubdir/boot.img" ] && command -v grub-mkimage > /dev/null
	then
		return 0
	fi
	say "installing grub-pc-bin"
	export DEBIAN_FRONTEND=noninteractive
	# A stale package list may not know it: update once and retry
	apt-get install -y -q grub-pc-bin > /dev/null ||
		{ apt-get update -q > /dev/null &&
			apt-get install -y -q grub-pc-bin > /dev/null; } ||
		finish "ERROR: cannot install grub-pc-bin" 2
}

# Print a number as 4 little-endian bytes
le32 () {
	value=$1
	for _ in 1 2 3 4; do
		# shellcheck disable=SC2059
		printf "\\$(printf '%03o' $((value & 255)))"
		value=$((value >> 8))
	done
}

# The dom0 initramfs the QEMU runner uses (prints the markers, powers off)
dom0_initrd () {
	python3 - "$here" "$root/build/qemu" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
import labkit
print(labkit.build_dom0_initrd(sys.argv[2]))
EOF
}

# Write the GRUB configuration files into $work
write_grub_configs () {
	# Early config, built into core.img: serial console before anything
	# can go wrong, so GRUB's own errors reach the log
	cat > "$work/early.cfg" <<EOF
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
echo XENMB-GRUB: core.img, prefix \$prefix
EOF
	# The boot itself, read from the FAT partition by normal mode
	cat > "$work/grub.cfg" <<EOF
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
echo XENMB-GRUB: grub.cfg
if linux16 /xenmb.lkrn $lkrn_args; then
	echo XENMB-GRUB: linux16 loaded
else
	echo XENMB-GRUB-FAIL: linux16
	reboot
fi
if initrd16 /files.cpio; then
	echo XENMB-GRUB: initrd16 loaded
else
	echo XENMB-GRUB-FAIL: initrd16
	reboot
fi
boot
echo XENMB-GRUB-FAIL: boot returned
reboot
EOF
}

# Build the FAT partition image $work/part.img
build_partition () {
	mkdir -p "$work/files"
	cp "$cache/xen-4.17-amd64.gz" "$work/files/xen.gz"
	cp "$cache/vmlinuz" "$work/files/vmlinuz"
	cp "$initrd" "$work/files/initrd.gz"
	# initrd16 hands the file over raw: xenmb reads the names from newc
	(cd "$work/files" && printf 'xen.gz\nvmlinuz\ninitrd.gz\n' |
		cpio -o -H newc --quiet > "$work/files.cpio")

	mkfs.fat -F 16 -n XENMB -h "$part_start" -C "$work/part.img" \
		"$part_kib" > /dev/null
	export MTOOLS_SKIP_CHECK=1
	mmd -i "$work/part.img" ::/boot ::/boot/grub
	mcopy -i "$work/part.img" "$lkrn" ::/xenmb.lkrn
	mcopy -i "$work/part.img" "$work/files.cpio" ::/files.cpio
	mcopy -i "$work/part.img" "$work/grub.cfg" ::/boot/grub/grub.cfg
}

# Build core.img: every module grub.cfg needs is inside, so nothing is
# loaded from the partition but grub.cfg itself
build_core () {
	grub-mkimage -O i386-pc -d "$grubdir" -o "$work/core.img" \
		-c "$work/early.cfg" -p "(hd0,msdos1)/boot/grub" \
		biosdisk part_msdos fat normal linux16 serial terminal echo \
		reboot
	core_sectors=$((($(stat -c %s "$work/core.img") + 511) / 512))
	[ "$core_sectors" -lt "$part_start" ] ||
		finish "ERROR: core.img ($core_sectors sectors) does not fit before the partition" 1
}

# Assemble $work/disk.img: MBR, core.img, partition
build_disk () {
	part_sectors=$((part_kib * 2))
	# MBR: boot.img's code (its first 440 bytes), no disk signature,
	# partition 1 active FAT16 (LBA) at $part_start, 0x55aa
	{
		head -c 440 "$grubdir/boot.img"
		head -c 6 /dev/zero
		printf '\200\376\377\377\016\376\377\377'
		le32 "$part_start"
		le32 "$part_sectors"
		head -c 48 /dev/zero
		printf '\125\252'
	} > "$work/mbr.img"
	[ "$(stat -c %s "$work/mbr.img")" -eq 512 ] ||
		finish "ERROR: MBR is not 512 bytes" 1
	cp "$work/mbr.img" "$work/disk.img"
	dd if="$work/core.img" of="$work/disk.img" bs=512 seek=1 \
		conv=notrunc status=none
	dd if="$work/part.img" of="$work/disk.img" bs=512 \
		seek="$part_start" conv=notrunc status=none
}

# Console log without carriage returns and terminal escape sequences
clean_log () {
	sed -e 's/\r//g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' \
		-e 's/\x1b[()][A-Z0-9]//g' -e 's/\x1b[c78]//g' \
		"$work/serial.log" > "$work/clean.log"
}

# Does the cleaned console log have a line matching the ERE $1?
seen () {
	grep -aEq -- "$1" "$work/clean.log"
}

# Does the cleaned console log have exactly the line $1?
seen_line () {
	grep -aFxq -- "$1" "$work/clean.log"
}

# Run QEMU in the background and watch the console; sets $ended to why
# the watch stopped
boot_qemu () {
	: > "$work/serial.log"
	qemu-system-x86_64 -accel tcg -machine pc -m "${MEM:-1024}" \
		-nographic -no-reboot -nic none \
		-drive "file=$work/disk.img,format=raw,if=ide" \
		< /dev/null > "$work/serial.log" 2>&1 &
	qemu_pid=$!
	started=$(date +%s)
	ended="timeout"
	while [ $(($(date +%s) - started)) -lt "$timeout" ]; do
		sleep 1
		clean_log
		if seen '^XENMB-CMDLINE: '; then
			ended="dom0 up"
			break
		fi
		if seen "$fatal"; then
			ended="fatal"
			break
		fi
		if ! kill -0 "$qemu_pid" 2> /dev/null; then
			ended="qemu exited"
			break
		fi
	done
	elapsed=$(($(date +%s) - started))
	stop_qemu
	clean_log
}

# Stop our QEMU (by its PID) if it still runs
stop_qemu () {
	if [ -n "${qemu_pid:-}" ]; then
		kill "$qemu_pid" 2> /dev/null || true
		wait "$qemu_pid" 2> /dev/null || true
		qemu_pid=
	fi
}

# Stop QEMU, remove (or keep) the work directory; runs on every exit
# shellcheck disable=SC2317
cleanup () {
	stop_qemu
	[ -n "$work" ] || return 0
	if [ "${KEEP:-0}" = 1 ]; then
		say "kept $work"
	else
		rm -rf "$work"
	fi
}

# Lines that end the boot at once: GRUB errors, xenmb giving up (it then
# waits for a key before rebooting), Xen or Linux panics
fatal='^error: |XENMB-GRUB-FAIL|^Press a key to reboot|Panic on CPU|Kernel panic'

need_file "$lkrn" "run make first"
need_file "$cache/xen-4.17-amd64.gz"
need_file "$cache/vmlinuz"
ensure_grub
command -v mkfs.fat > /dev/null || finish "ERROR: mkfs.fat missing (dosfstools)" 2
command -v mcopy > /dev/null || finish "ERROR: mcopy missing (mtools)" 2
command -v cpio > /dev/null || finish "ERROR: cpio missing" 2
initrd=$(dom0_initrd) || finish "ERROR: cannot build the dom0 initramfs" 2

qemu_pid=
work=
trap cleanup EXIT
work=$(mktemp -d /tmp/xenmb-grub-linux16.XXXXXX)
trap 'exit 1' INT TERM

write_grub_configs
build_partition
build_core
build_disk
say "disk: core.img $core_sectors sectors, files.cpio $(stat -c %s "$work/files.cpio") bytes, xenmb.lkrn $(stat -c %s "$lkrn") bytes"

boot_qemu
[ -n "${LOG:-}" ] && cp "$work/clean.log" "$LOG"

fail=0
expect () {
	if ! seen "$1"; then
		say "no line matching: $1" >&2
		fail=1
	fi
}
expect_line () {
	if ! seen_line "$1"; then
		say "no line: $1" >&2
		fail=1
	fi
}
expect '^XENMB-GRUB: grub\.cfg'
expect '^XENMB-GRUB: linux16 loaded'
expect '^XENMB-GRUB: initrd16 loaded'
expect '^xenmb [0-9.]+ \(bios\)$'
expect '^xenmb: xen\.gz: .*multiboot2'
expect '^\(XEN\) Xen version 4\.17'
expect '^\(XEN\) Bootloader: xenmb'
expect_line "(XEN) Command line: $xen_args"
expect '^XENMB-DOM0-UP$'
expect_line "XENMB-CMDLINE: $dom0_args"
if [ "$ended" = fatal ]; then
	say "fatal line: $(grep -aE -m 1 -- "$fatal" "$work/clean.log")" >&2
	fail=1
fi

if [ "$fail" -ne 0 ]; then
	say "last console lines:" >&2
	tail -30 "$work/clean.log" >&2
	finish "FAIL (ended: $ended after ${elapsed}s)" 1
fi
finish "PASS (GRUB linux16 + initrd16 -> xenmb -> Xen -> dom0 in ${elapsed}s)" 0
