#!/usr/bin/env python3
# tests/fhir-validate.py — checks FHIR JSON files against a JSON schema (tests/data/)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: fhir-validate.py SCHEMA FILE...   Exit status 0 when every file is valid; otherwise the
# first errors of each file, with their JSON path, on stderr and status 1.

import json
import sys

import jsonschema


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:5]:
            where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                  for p in error.absolute_path)
            print(f"{path}: {where}: {error.message[:300]}", file=sys.stderr)
        failed = failed or bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
