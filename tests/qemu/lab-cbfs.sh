#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/qemu/lab-cbfs.sh: scripts/cbfs on coreboot images made here with
# "cbfstool create" (no real firmware needed).  Checks that the entries
# appear in "cbfstool print" under coreboot's and SeaBIOS's names, that
# what went in comes out byte for byte, and that the script refuses
# clearly, leaving the image untouched, when cbfstool is missing or the
# image has no room.  No QEMU.

set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cbfs=$root/scripts/cbfs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
rom=/usr/lib/ipxe/82540em.rom
lkrn=/usr/lib/ipxe/ipxe.lkrn

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# A 4 MiB image with the ROM under both names and ipxe.lkrn + script
img=$work/coreboot.rom
if "$cbfs" --create 4M --rom "$rom" --payload "$img" >"$work/out1" 2>&1 &&
	"$cbfs" --rom "$rom" --rom-name pci8086,157b.rom "$img" >"$work/out2" 2>&1; then
	listing=$(cbfstool "$img" print)
	if echo "$listing" | grep -Eq '^genroms/pxe\.rom +0x[0-9a-f]+ +raw +'"$(stat -L -c %s $rom)"' ' &&
		echo "$listing" | grep -Eq '^pci8086,157b\.rom +0x[0-9a-f]+ +optionrom +'"$(stat -L -c %s $rom)"' ' &&
		echo "$listing" | grep -Eq '^img/ipxe +0x[0-9a-f]+ +simple elf '; then
		ok "cbfs: print lists genroms/pxe.rom, pci8086,157b.rom, img/ipxe"
	else
		bad "cbfs: listing" "$listing"
	fi
	cbfstool "$img" extract -n genroms/pxe.rom -f "$work/x1" >/dev/null 2>&1
	cbfstool "$img" extract -n pci8086,157b.rom -f "$work/x2" >/dev/null 2>&1
	if cmp -s "$rom" "$work/x1" && cmp -s "$rom" "$work/x2"; then
		ok "cbfs: both ROM entries extract identical to $rom"
	else
		bad "cbfs: extract" "extracted ROMs differ from $rom"
	fi
	# The payload keeps the script: cbfstool converts ipxe.lkrn to a
	# SELF payload with the initrd as a segment, stored uncompressed
	cbfstool "$img" extract -m x86 -U -n img/ipxe -f "$work/x3" >/dev/null 2>&1
	if [ -s "$work/x3" ] && python3 -c 'import sys
sys.exit(open(sys.argv[2], "rb").read() not in open(sys.argv[1], "rb").read())' \
		"$work/x3" "$root/embed/menu.ipxe"; then
		ok "cbfs: img/ipxe payload carries embed/menu.ipxe"
	else
		bad "cbfs: payload" "embed/menu.ipxe not found in the img/ipxe payload"
	fi
else
	bad "cbfs: add" "$(cat "$work/out1" "$work/out2" 2>/dev/null)"
fi

# No room: a 256 KiB image cannot take ipxe.lkrn; the image stays as it was
small=$work/small.rom
cbfstool "$small" create -m x86 -s 256K >/dev/null 2>&1
before=$(sha256sum <"$small")
"$cbfs" --payload "$small" >"$work/out3" 2>&1
status=$?
if [ $status -eq 1 ] && grep -q "no room in $small" "$work/out3" &&
	[ "$(sha256sum <"$small")" = "$before" ] &&
	[ -z "$(ls "$small".* 2>/dev/null)" ]; then
	ok "cbfs: refuses a full image (exit 1, image unchanged): $(cat "$work/out3")"
else
	bad "cbfs: no room" "exit $status: $(cat "$work/out3")"
fi

# Room for the first ROM only: the second is refused, nothing is written
mid=$work/mid.rom
cbfstool "$mid" create -m x86 -s 128K >/dev/null 2>&1
before=$(sha256sum <"$mid")
"$cbfs" --rom "$rom" --payload "$mid" >"$work/out4" 2>&1
status=$?
if [ $status -eq 1 ] && grep -q "no room" "$work/out4" &&
	[ "$(sha256sum <"$mid")" = "$before" ]; then
	ok "cbfs: a refused second entry leaves the image unchanged"
else
	bad "cbfs: partial" "exit $status: $(cat "$work/out4")"
fi

# No cbfstool: a PATH without the directory that holds it
nopath=
for dir in $(echo "$PATH" | tr ':' ' '); do
	[ -x "$dir/cbfstool" ] || nopath=${nopath:+$nopath:}$dir
done
cbfstool "$work/t.rom" create -m x86 -s 4M >/dev/null 2>&1
before=$(sha256sum <"$work/t.rom")
PATH=$nopath "$cbfs" --payload "$work/t.rom" >"$work/out5" 2>&1
status=$?
if [ $status -eq 2 ] && grep -q "cbfstool not found.*coreboot-utils" "$work/out5" &&
	[ "$(sha256sum <"$work/t.rom")" = "$before" ]; then
	ok "cbfs: refuses without cbfstool: $(cat "$work/out5")"
else
	bad "cbfs: no cbfstool" "exit $status: $(cat "$work/out5")"
fi

echo "lab-cbfs: $pass passed, $fail failed"
[ $fail -eq 0 ]
