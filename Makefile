# SPDX-License-Identifier: GPL-2.0-or-later
# Makefile for xenmb
#
# One list of core sources, built four ways:
#   bin/xenmb.lkrn   BIOS carrier  (i386, freestanding, bzImage)
#   bin/xenmb.efi    UEFI carrier  (x86_64, freestanding, gnu-efi PE32+)
#   bin/xenmb-probe  Linux carrier (host, C library)
#   build/host*      the core for unit tests (plain, and ASan+UBSan)
#
# Targets: all (default), check, demo, fuzz, bench, format, clean.

# The platform-neutral code used by every carrier and by the tests, by
# layer (lowest first; docs/design.md): core, drivers and arch, usr
CORE_SRCS := $(sort $(wildcard src/core/*.c src/drivers/*/*.c \
			       src/arch/x86/core/*.c \
			       src/arch/x86/image/xenmb/*.c src/usr/*.c))
# Freestanding C library subset, for the two firmware carriers
LIBC_SRCS := $(sort $(wildcard src/libc/*.c))
# Carrier glue
BIOS_SRCS := $(sort $(wildcard src/interface/pcbios/*.c))
BIOS_ASMS := $(sort $(wildcard src/arch/x86/prefix/*.S))
EFI_SRCS := $(sort $(wildcard src/interface/efi/*.c))
EFI_ASMS := $(sort $(wildcard src/interface/efi/*.S))
LINUX_SRCS := $(sort $(wildcard src/interface/linux/*.c))
# Carrier sources that build on the host too (the unit tests and the
# fuzzers test them there)
CARRIER_HOST_SRCS := src/interface/efi/efimap.c src/interface/efi/efiargs.c
# What the unit tests and fuzzers link
TEST_SRCS := $(CORE_SRCS) $(CARRIER_HOST_SRCS)

UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(sort $(wildcard tests/unit/test_*.c)))
UNIT_HELPERS := $(sort $(wildcard tests/unit/helper_*.c))
FUZZERS := $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))

CC ?= gcc
HOSTCC ?= gcc
CLANG ?= clang
OBJCOPY ?= objcopy

WARN := -Wall -Wextra -Werror
INCS := -Isrc/include
# Each object also records the headers it read (build/**/*.d)
DEPS := -MMD -MP

# Freestanding firmware builds
FREE_CFLAGS := $(WARN) $(DEPS) -Os -g -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-Isrc/include/libc $(INCS) -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-ffunction-sections -fdata-sections -DXENMB_FREESTANDING
BIOS_CFLAGS := $(FREE_CFLAGS) -m32 -march=i686 -fno-pic -mregparm=3 \
	-mpreferred-stack-boundary=2 -fno-inline-functions-called-once \
	-mno-sse -mno-mmx -mno-80387 -DXENMB_BIOS
EFI_INC := /usr/include/efi
# No -fdata-sections: gnu-efi's linker script takes .bss but not .bss.*,
# and an orphan .bss.NAME section never reaches the PE file (its variables
# would start as garbage)
EFI_CFLAGS := $(filter-out -fdata-sections,$(FREE_CFLAGS)) -m64 -fpic -fshort-wchar -mno-red-zone \
	-mno-sse -mno-mmx -mno-80387 -DXENMB_EFI \
	-I$(EFI_INC) -I$(EFI_INC)/x86_64 -DGNU_EFI_USE_MS_ABI \
	-maccumulate-outgoing-args -fvisibility=hidden
EFI_LIB := /usr/lib
EFI_LDS := $(EFI_LIB)/elf_x86_64_efi.lds
EFI_CRT0 := $(EFI_LIB)/crt0-efi-x86_64.o

# Host builds (tests, Linux probe)
HOST_CFLAGS := $(WARN) $(DEPS) -O1 -g $(INCS) -DXENMB_HOSTED
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_FLAGS := $(DEPS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1 $(INCS) \
	-DXENMB_HOSTED -DXENMB_FUZZ
# The same harnesses built for source-based coverage (no sanitizers)
FCOV_FLAGS := $(DEPS) -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping -g -O0 \
	$(INCS) -DXENMB_HOSTED -DXENMB_FUZZ

BIOS_OBJS := $(patsubst %.c,build/bios/%.o,$(CORE_SRCS) $(LIBC_SRCS) $(BIOS_SRCS)) \
	$(patsubst %.S,build/bios/%.o,$(BIOS_ASMS))
EFI_OBJS := $(patsubst %.c,build/efi/%.o,$(CORE_SRCS) $(LIBC_SRCS) $(EFI_SRCS)) \
	$(patsubst %.S,build/efi/%.o,$(EFI_ASMS))
HOST_OBJS := $(patsubst %.c,build/host/%.o,$(CORE_SRCS))
SAN_OBJS := $(patsubst %.c,build/san/%.o,$(CORE_SRCS))
HOST_TEST_OBJS := $(patsubst %.c,build/host/%.o,$(TEST_SRCS))
SAN_TEST_OBJS := $(patsubst %.c,build/san/%.o,$(TEST_SRCS))
FUZZ_OBJS := $(patsubst %.c,build/fuzz/%.o,$(TEST_SRCS))
FCOV_OBJS := $(patsubst %.c,build/fcov/%.o,$(TEST_SRCS))
# Objects reached only through pattern rules: keep them between runs
.SECONDARY: $(HOST_TEST_OBJS) $(SAN_TEST_OBJS) $(FUZZ_OBJS) $(FCOV_OBJS)

TARGETS := bin/xenmb-probe
ifneq ($(BIOS_ASMS),)
TARGETS += bin/xenmb.lkrn
endif
ifneq ($(EFI_SRCS),)
TARGETS += bin/xenmb.efi
endif

.PHONY: all check check-layers check-unit check-corpus check-probe-tables check-qemu check-lab check-grub \
	check-bios-kernel check-fuzz fuzz-coverage \
	check-efi demo fuzz bench format format-check clean setup unit-tests
.DELETE_ON_ERROR:

all: $(TARGETS)

# ---------------------------------------------------------------- BIOS
# The BIOS image is held to 64 KiB: optimise for size first, except the
# inflater and CRC, whose speed decides how long xen.gz takes to unpack
BIOS_OPT = -Oz
build/bios/src/core/inflate.o build/bios/src/core/crc32.o: BIOS_OPT = -Os

build/bios/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BIOS_CFLAGS) $(BIOS_OPT) -c $< -o $@

build/bios/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(BIOS_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

build/xenmb.lkrn.elf: $(BIOS_OBJS) src/arch/x86/prefix/bios.lds
	$(CC) -m32 -nostdlib -static -Wl,--gc-sections -Wl,-T,src/arch/x86/prefix/bios.lds \
		-Wl,--no-warn-rwx-segments -o $@ $(BIOS_OBJS)

bin/xenmb.lkrn: build/xenmb.lkrn.elf
	@mkdir -p bin
	$(OBJCOPY) -O binary $< $@

# ---------------------------------------------------------------- UEFI
build/efi/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -c $< -o $@

build/efi/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

# Hidden symbols let --gc-sections drop unused code; the PE .reloc block
# comes from efireloc.S (--gc-sections drops crt0's, and without one the
# firmware refuses the image: iPXE says "Exec format error")
build/%.efi.so:
	@mkdir -p $(dir $@)
	ld -nostdlib -znocombreloc -T $(EFI_LDS) -shared -Bsymbolic --gc-sections \
		--no-warn-rwx-segments -L$(EFI_LIB) $(EFI_CRT0) $^ \
		-o $@ -lgnuefi $(shell $(CC) -m64 -print-libgcc-file-name)
	@lost=$$(objdump -h $@ | awk '/^ *[0-9]+ /{n=$$2} /ALLOC/{print n}' | \
		grep -vxE '\.(hash|gnu\.hash|text|reloc|data|dynamic|dynsym|rela|dynstr)'); \
	if [ -n "$$lost" ]; then \
		echo "$@: sections the PE file would lose:" $$lost >&2; \
		rm -f $@; exit 1; fi

build/xenmb.efi.so: $(EFI_OBJS)

# The carrier's self-test under OVMF: tests/efi in place of the core's main
EFI_SELFTEST_OBJS := $(filter-out build/efi/src/usr/xenboot.o,$(EFI_OBJS)) \
	build/efi/tests/efi/selftest.o build/efi/tests/efi/selftest_entry.o
build/xenmb-selftest.efi.so: $(EFI_SELFTEST_OBJS)

EFI_PE = $(OBJCOPY) -j .text -j .sdata -j .data -j .dynamic -j .dynsym \
	-j .rel -j .rela -j .rel.* -j .rela.* -j .reloc \
	--target efi-app-x86_64 --subsystem=10 $< $@

bin/xenmb.efi: build/xenmb.efi.so
	@mkdir -p bin
	$(EFI_PE)

build/xenmb-selftest.efi: build/xenmb-selftest.efi.so
	$(EFI_PE)

# Boot xenmb.efi (and the self-test) from Debian's ipxe.efi on OVMF
check-efi: bin/xenmb.efi build/xenmb-selftest.efi
	tests/qemu/efi-smoke.sh bin/xenmb.efi
	tests/qemu/efi-smoke.sh --selftest build/xenmb-selftest.efi

# ---------------------------------------------------------------- Linux
build/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

bin/xenmb-probe: $(HOST_OBJS) $(patsubst %.c,build/host/%.o,$(LINUX_SRCS))
	@mkdir -p bin
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $^

# ---------------------------------------------------------------- tests
build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -c $< -o $@

build/tests/%: tests/unit/%.c $(HOST_TEST_OBJS) $(UNIT_HELPERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -Itests/unit -o $@ $< $(UNIT_HELPERS) $(HOST_TEST_OBJS) -lcmocka -lz

build/tests-san/%: tests/unit/%.c $(SAN_TEST_OBJS) $(UNIT_HELPERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< $(UNIT_HELPERS) $(SAN_TEST_OBJS) -lcmocka -lz

unit-tests: $(addprefix build/tests/,$(UNIT_TESTS)) $(addprefix build/tests-san/,$(UNIT_TESTS))

# Unit tests, plain and under ASan+UBSan; each runs from the repo root
check-unit: unit-tests
	@scripts/run-unit $(addprefix build/tests/,$(UNIT_TESTS)) \
		$(addprefix build/tests-san/,$(UNIT_TESTS))

# No object calls into a layer above its own (docs/design.md), read from
# nm of every object of the three builds; tests/layers/run first shows
# that the check refuses bad pairs of objects
check-layers: $(BIOS_OBJS) $(EFI_OBJS) $(HOST_OBJS) \
		$(patsubst %.c,build/host/%.o,$(LINUX_SRCS))
	@tests/layers/run
	@scripts/check-layers $^

# End-to-end boots under QEMU (servers in a private network namespace):
# the peers' sanity boots, both carriers' boots and bad input, the probe
# against real Xen, and fault injection
QEMU_TESTS ?= check xenmb-bios xenmb-efi probe fault
check-qemu: all
	@tests/qemu/run $(QEMU_TESTS)

# The boot server lab end to end (scripts/lab, one QEMU at a time) and
# scripts/cbfs on images made with cbfstool (docs/lab.md)
check-lab: all
	@tests/qemu/lab-cbfs.sh
	@tests/qemu/lab-boot.sh $(LAB_TESTS)

# xenmb.lkrn booted by GRUB 2's linux16 + initrd16 (grub-pc-bin) from a
# disk image, through Xen to dom0 (one QEMU)
check-grub: bin/xenmb.lkrn
	@tests/qemu/grub-linux16.sh bin/xenmb.lkrn

# xenmb.lkrn loaded by QEMU's own -kernel (another real-mode segment);
# then the BIOS zero-length-file case, which iPXE cannot carry
check-bios-kernel: bin/xenmb.lkrn
	@tests/qemu/bios-smoke.sh bin/xenmb.lkrn
	@EMPTY=1 tests/qemu/bios-smoke.sh bin/xenmb.lkrn

# The Linux probe built with ASan+UBSan, for the corpus test
build/san-probe/xenmb-probe: $(SAN_OBJS) $(patsubst %.c,build/san/%.o,$(LINUX_SRCS))
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $^

# Every DMAR/IVRS/MCFG/VIOT table of the corpus decoded under ASan+UBSan
# and compared field by field with ACPICA's disassembly beside it
CORPUS ?= tests/corpus/acpi
check-corpus: build/san-probe/xenmb-probe
	@tests/corpus/check_corpus.py --probe $< --corpus $(CORPUS)

# xenmb-probe --tables (ASan+UBSan) on every corpus table alone, and on
# this machine's own /sys: exit status, verdict fields, tables listed
check-probe-tables: build/san-probe/xenmb-probe
	@tests/probe/check_probe_tables.py --probe $< --corpus $(CORPUS) --sys

check: setup format-check check-corpus check-probe-tables
	$(MAKE) -j2 all unit-tests $(addprefix build/fuzzers/,$(FUZZERS))
	$(MAKE) check-layers
	$(MAKE) check-unit
	$(MAKE) check-fuzz
	$(MAKE) check-efi
	$(MAKE) check-bios-kernel
	$(MAKE) check-grub
	$(MAKE) check-qemu
	$(MAKE) check-lab

setup:
	@scripts/setup --quiet

# ---------------------------------------------------------------- fuzzing
build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_FLAGS) -c $< -o $@

build/fuzzers/%: tests/fuzz/%.c $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_FLAGS) -Itests/unit -o $@ $(filter %.c %.o,$^)

# The load path is fuzzed on the unit tests' fake platform (as the
# benchmark runs it: one fake platform for the three)
FAKE_PLATFORM_SRCS := tests/unit/helper_platform.c
build/fuzzers/fuzz_load build/fuzz-cov/fuzz_load: $(FAKE_PLATFORM_SRCS)

FUZZ_SECONDS ?= 60
fuzz: $(addprefix build/fuzzers/,$(FUZZERS))
	@scripts/run-fuzz $(FUZZ_SECONDS) $(FUZZERS)

# Line and branch coverage each harness's corpus reaches in the code it
# tests (replayed by coverage builds, reported by llvm-cov)
build/fcov/%.o: %.c
	@mkdir -p $(dir $@)
	$(CLANG) $(FCOV_FLAGS) -c $< -o $@

build/fuzz-cov/%: tests/fuzz/%.c $(FCOV_OBJS)
	@mkdir -p $(dir $@)
	$(CLANG) $(FCOV_FLAGS) -Itests/unit -o $@ $(filter %.c %.o,$^)

fuzz-coverage: $(addprefix build/fuzz-cov/,$(FUZZERS))
	@scripts/fuzz-coverage $(FUZZERS)

# In make check: every harness builds and runs its seeds and a few
# seconds of fuzzing under ASan+UBSan (a crash fails the check)
CHECK_FUZZ_SECONDS ?= 3
check-fuzz: $(addprefix build/fuzzers/,$(FUZZERS))
	@scripts/run-fuzz $(CHECK_FUZZ_SECONDS) $(FUZZERS)

# ---------------------------------------------------------------- demo, bench
demo: setup all
	@scripts/demo $(DEMO_ARGS)

bench: setup all
	@bench/run

format:
	clang-format -i $(shell git ls-files '*.c' '*.h')

format-check:
	@clang-format --dry-run --Werror $(shell git ls-files '*.c' '*.h')

clean:
	rm -rf build bin

# make -s print-VAR: the value of a variable (scripts read the source
# lists from here rather than repeating them)
print-%:
	@echo $($*)

-include $(shell find build -name '*.d' 2>/dev/null)
