#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""tests/qemu/verdict_check.py: check xenmb's JSON report on a console log.

Reads the `XENMB-JSON {...}` line xenmb printed (the last one when there
are several), parses it as JSON and checks it two ways:

  * expectations `PATH OP VALUE` (the runner's `json_expect` lines):
      PATH   dotted keys and list selectors: `xen.iommu`,
             `acpi.tables`, `dmar.drhd[0].cap`,
             `pci[vendor=0x1b36,device=0x10].sriov.total_vfs`
             (a selector `[k=v,...]` picks the one element whose fields
             equal those strings; `[N]` picks element N; `#` after a
             path gives its length: `dmar.drhd#`)
      OP     == != < <= > >= (numbers), ~ (regex search on the text),
             has (a list holds VALUE), exists, absent
      VALUE  JSON (true, null, 3, "x") or else a bare string
  * the verdict against Xen itself (`xen_verdict = yes`): the report's
    xen.boots, xen.iommu and xen.intremap must equal what Xen logged in
    the same boot: "(XEN) I/O virtualisation enabled|disabled",
    "(XEN) Interrupt remapping enabled|disabled" (printed only when the
    IOMMU is enabled; otherwise interrupt remapping is off), or a panic.

Used by tests/qemu/run; also a command:

  tests/qemu/verdict_check.py [--xen] LOG [EXPECTATION ...]

prints what it found and exits 1 if a check fails.
"""

import json
import re
import sys

JSON_PREFIX = "XENMB-JSON "
STAMP = re.compile(r"^\[\s*[0-9.]+\]\s?")
XEN_IOMMU = re.compile(r"^\(XEN\) I/O virtualisation (enabled|disabled)$")
XEN_INTREMAP = re.compile(r"^\(XEN\) Interrupt remapping (enabled|disabled)$")
XEN_PANIC = re.compile(r"^\(XEN\) Panic on CPU \d+:")
OPS = ("==", "!=", "<=", ">=", "<", ">", "~", "has", "exists", "absent")
PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]|\.")


class CheckError(Exception):
    """An expectation that cannot be read."""


def strip_stamp(line):
    """A console line without the runner's "[  1.234] " stamp."""
    return STAMP.sub("", line.rstrip("\n"))


def find_report(lines):
    """The last XENMB-JSON object on the console, or None; raises
    CheckError when the line is there but is not valid JSON."""
    found = None
    for line in lines:
        text = strip_stamp(line)
        if text.startswith(JSON_PREFIX):
            found = text[len(JSON_PREFIX):]
    if found is None:
        return None
    try:
        return json.loads(found)
    except ValueError as exc:
        raise CheckError("XENMB-JSON line is not valid JSON: %s" % exc)


def xen_outcome(lines):
    """What Xen logged: dict with boots, iommu, intremap (None when Xen
    did not say), and the lines they came from."""
    out = {"boots": None, "iommu": None, "intremap": None, "lines": []}
    for line in lines:
        text = strip_stamp(line)
        m = XEN_IOMMU.match(text)
        if m:
            out["iommu"] = m.group(1)
            out["boots"] = True
            out["lines"].append(text)
            if m.group(1) == "disabled":
                out["intremap"] = "disabled"
            continue
        m = XEN_INTREMAP.match(text)
        if m:
            out["intremap"] = m.group(1)
            out["lines"].append(text)
            continue
        if XEN_PANIC.match(text):
            out["boots"] = False
            out["lines"].append(text)
    return out


def split_path(path):
    """PATH to steps: ("key", name), ("index", N), ("select", {k: v})."""
    steps = []
    for m in PATH_TOKEN.finditer(path):
        name, sel = m.group(1), m.group(2)
        if name:
            steps.append(("key", name))
        elif sel is None:
            continue
        elif re.fullmatch(r"-?\d+", sel):
            steps.append(("index", int(sel)))
        else:
            want = {}
            for pair in sel.split(","):
                k, eq, v = pair.partition("=")
                if not eq:
                    raise CheckError("selector '[%s]' is not k=v" % sel)
                want[k.strip()] = v.strip()
            steps.append(("select", want))
    return steps


def as_number(text):
    """A decimal or 0x number in a string, or None."""
    try:
        return int(str(text), 0)
    except ValueError:
        return None


def same_text(got, want):
    """Selector equality: numbers by value ("0x10" is "0x0010"), else
    strings without regard to case."""
    a, b = as_number(got), as_number(want)
    if a is not None and b is not None:
        return a == b
    return str(got).lower() == str(want).lower()


def resolve(report, path):
    """The value at PATH; raises KeyError saying where it stopped."""
    length = path.endswith("#")
    value = report
    for kind, arg in split_path(path.rstrip("#")):
        if kind == "key":
            if not isinstance(value, dict) or arg not in value:
                raise KeyError("no '%s' in %s" % (arg, path))
            value = value[arg]
        elif kind == "index":
            if not isinstance(value, list) or not -len(value) <= arg < len(
                    value):
                raise KeyError("no element %d in %s" % (arg, path))
            value = value[arg]
        else:
            if not isinstance(value, list):
                raise KeyError("%s: selector on a non-list" % path)
            hits = [e for e in value if isinstance(e, dict) and all(
                same_text(e.get(k), v) for k, v in arg.items())]
            if len(hits) != 1:
                raise KeyError("%s: %d elements match %s" % (path, len(hits),
                                                            arg))
            value = hits[0]
    if length:
        if not isinstance(value, (list, dict, str)):
            raise KeyError("%s: no length" % path)
        return len(value)
    return value


def parse_value(text):
    """VALUE as JSON when it is JSON, else the bare string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_expectation(line):
    """`PATH OP [VALUE]` to (path, op, value)."""
    words = line.split(None, 2)
    if len(words) < 2 or words[1] not in OPS:
        raise CheckError("expectation '%s' is not 'PATH OP VALUE' (OP: %s)"
                         % (line, " ".join(OPS)))
    path, op = words[0], words[1]
    if op in ("exists", "absent"):
        if len(words) > 2:
            raise CheckError("'%s' takes no value: %s" % (op, line))
        return path, op, None
    if len(words) < 3:
        raise CheckError("expectation '%s' has no value" % line)
    return path, op, parse_value(words[2])


def check_expectation(report, line):
    """Check one expectation; return None or a failure sentence."""
    path, op, want = parse_expectation(line)
    try:
        got = resolve(report, path)
    except KeyError as exc:
        return None if op == "absent" else "%s: %s" % (line, exc.args[0])
    if op == "absent":
        return "%s: present (%s)" % (line, json.dumps(got)[:80])
    if op == "exists":
        return None
    if op == "has":
        ok = isinstance(got, list) and want in got
    elif op == "~":
        ok = re.search(str(want), got if isinstance(got, str)
                       else json.dumps(got)) is not None
    elif op in ("==", "!="):
        same = got == want
        if isinstance(got, str) and isinstance(want, str):
            same = same_text(got, want)
        ok = same if op == "==" else not same
    else:
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool)
                   for x in (got, want)):
            return "%s: %s is not a number" % (line, json.dumps(got)[:80])
        ok = {"<": got < want, "<=": got <= want, ">": got > want,
              ">=": got >= want}[op]
    if ok:
        return None
    return "%s: got %s" % (line, json.dumps(got)[:120])


def check_verdict(report, xen):
    """Compare the report's xen object with what Xen logged; return a
    list of failure sentences."""
    fails = []
    verdict = report.get("xen")
    if not isinstance(verdict, dict):
        return ["the report has no 'xen' object"]
    if xen["boots"] is None:
        return ["Xen printed neither 'I/O virtualisation enabled|disabled' "
                "nor a panic"]
    if verdict.get("boots") != xen["boots"]:
        fails.append("xen.boots: probe says %s, Xen %s" % (
            json.dumps(verdict.get("boots")),
            "booted" if xen["boots"] else "panicked"))
    if not xen["boots"]:
        return fails
    for key in ("iommu", "intremap"):
        if xen[key] is None:
            fails.append("Xen never said whether %s is enabled" % key)
        elif verdict.get(key) != xen[key]:
            fails.append("xen.%s: probe says %s, Xen says %s" % (
                key, json.dumps(verdict.get(key)), xen[key]))
    return fails


def check(lines, expectations=(), xen_verdict=False):
    """Run every check on console lines; return a list of failures."""
    try:
        report = find_report(lines)
        if report is None:
            return ["no XENMB-JSON line on the console"]
        fails = [f for f in (check_expectation(report, e)
                             for e in expectations) if f]
    except CheckError as exc:
        return [str(exc)]
    if xen_verdict:
        fails += check_verdict(report, xen_outcome(lines))
    return fails


def main(argv):
    args = argv[1:]
    xen = "--xen" in args
    args = [a for a in args if a != "--xen"]
    if not args:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    with open(args[0], errors="replace") as f:
        lines = f.readlines()
    report = None
    try:
        report = find_report(lines)
    except CheckError:
        pass
    if report is not None and isinstance(report.get("xen"), dict):
        v = report["xen"]
        print("probe: boots=%s iommu=%s intremap=%s" % (
            v.get("boots"), v.get("iommu"), v.get("intremap")))
    if xen:
        x = xen_outcome(lines)
        print("xen:   boots=%s iommu=%s intremap=%s" % (
            x["boots"], x["iommu"], x["intremap"]))
    fails = check(lines, args[1:], xen)
    for f in fails:
        print("FAIL " + f)
    if not fails:
        print("ok")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
