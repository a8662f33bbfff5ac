"""Validate JSONL lines against data/jsonl.schema.json.

Usage: jsonl-schema.py SCHEMA FILE...  Prints "FILE:LINE: message" for each
line the schema rejects (comments and blank lines are skipped, as benchtop
skips them); exit 0 when every line is valid, 1 otherwise, 77 without the
jsonschema module.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit(77)

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            for e in validator.iter_errors(json.loads(line)):
                where = "/".join(str(p) for p in e.absolute_path)
                print(f"{path}:{n}: {where}: {e.message}")
                bad += 1
                break
sys.exit(1 if bad else 0)
