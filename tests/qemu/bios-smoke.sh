#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/qemu/bios-smoke.sh: boot xenmb.lkrn with QEMU's -kernel and SeaBIOS
#
# Usage: tests/qemu/bios-smoke.sh [XENMB_LKRN] [XENMB-ARGS...]
#
# QEMU loads bin/xenmb.lkrn as a Linux kernel (its own boot protocol
# loader, which puts the real-mode part at another segment than iPXE) and
# a newc cpio as the initrd holding xen.gz and a small odd-sized file.
# The serial console must show the carrier listing both files with the
# sizes the host sees, xenmb's core output, and the reboot; QEMU runs with
# -no-reboot, so the reboot ends it.  Exit 0 on success.
#
# EMPTY=1 adds a zero-length file, empty.bin, to the cpio and gives it as
# a module: xenmb must list it with 0 bytes, refuse it by name ("file is
# empty"), never start Xen, then wait and reboot.  (This is the BIOS
# zero-length case: Debian's iPXE hangs on a bzImage with an empty initrd
# before xenmb runs, so it cannot be made through iPXE.)
#
# Environment: TIMEOUT (seconds, default 150), KEEP=1 keeps the work dir,
# MEM (MiB, default 512), LOG (copy the serial log there), EMPTY.
set -eu

lkrn=${1:-bin/xenmb.lkrn}
[ $# -gt 0 ] && shift
empty=${EMPTY:-0}
if [ "$empty" = 1 ]; then
	args=${*:---verbose --timeout=1 xen.gz console=com1 --- small.bin --- empty.bin}
else
	args=${*:---verbose --probe --timeout=1 xen.gz console=com1 --- small.bin}
fi
timeout=${TIMEOUT:-150}
xen_gz=/var/cache/xenmb/xen-4.17-amd64.gz

if [ ! -f "$lkrn" ]; then
	echo "bios-smoke: $lkrn not found (run make first)" >&2
	exit 2
fi

work=$(mktemp -d /tmp/xenmb-bios-smoke.XXXXXX)
cleanup () {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "bios-smoke: kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# The initrd: a newc cpio, as iPXE builds for named images
mkdir -p "$work/files"
cp "$xen_gz" "$work/files/xen.gz"
head -c 12345 /dev/urandom > "$work/files/small.bin"
names='xen.gz\nsmall.bin\n'
nfiles=2
if [ "$empty" = 1 ]; then
	: > "$work/files/empty.bin"
	names="${names}empty.bin\n"
	nfiles=3
fi
(cd "$work/files" && printf "$names" |
	busybox cpio -o -H newc > "$work/initrd.cpio" 2>/dev/null)
xen_size=$(stat -c %s "$work/files/xen.gz")

# One QEMU, TCG, bounded in time; -no-reboot turns the reboot into an exit
status=0
timeout "$timeout" qemu-system-x86_64 -accel tcg -nographic -no-reboot \
	-m "${MEM:-512}" -kernel "$lkrn" -initrd "$work/initrd.cpio" \
	-append "$args" > "$work/serial.log" 2>&1 || status=$?
tr -d '\033' < "$work/serial.log" > "$work/clean.log"
[ -n "${LOG:-}" ] && cp "$work/clean.log" "$LOG"

fail=0
expect () {
	if ! grep -aEq -- "$1" "$work/clean.log"; then
		echo "bios-smoke: FAIL: no line matching: $1" >&2
		fail=1
	fi
}
if [ "$status" -eq 124 ]; then
	echo "bios-smoke: FAIL: QEMU still running after ${timeout}s" >&2
	fail=1
fi
expect "^xenmb: initrd area 0x[0-9a-f]+\+0x[0-9a-f]+ holds ${nfiles} files"
expect "^xenmb:  \[0\] xen\.gz at 0x[0-9a-f]+, ${xen_size} bytes"
expect "^xenmb:  \[1\] small\.bin at 0x[0-9a-f]+, 12345 bytes"
expect "^xenmb "
expect "^xenmb: BIOS: [1-9][0-9]* memory map entries \(method 1\), ACPI RSDP at 0x[0-9a-f]+"
if [ "$empty" = 1 ]; then
	expect "^xenmb:  \[2\] empty\.bin at 0x[0-9a-f]+, 0 bytes"
	expect "^xenmb: empty\.bin: file is empty"
	expect "^Press a key to reboot \(or wait 1 s\)"
	if grep -aq "xenmb: starting Xen" "$work/clean.log"; then
		echo "bios-smoke: FAIL: xenmb started Xen with an empty module" >&2
		fail=1
	fi
fi
expect "^Rebooting"
if [ "$fail" -ne 0 ]; then
	tail -30 "$work/clean.log" >&2
	exit 1
fi
what="$lkrn: $(stat -c %s "$lkrn") bytes"
[ "$empty" = 1 ] && what="$what, the empty module refused"
echo "bios-smoke: PASS ($what)"
