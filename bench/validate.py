"""Schema-only validation with Python's jsonschema, for bench/compare.sh.

usage: validate.py SCHEMA_FILE DEF DATA_FILE

Validates DATA_FILE against SCHEMA_FILE#/$defs/DEF (draft 2020-12) and reports
every error, as rbaclint does. Exit status: 0 valid, 10 invalid; anything else
(an exception) means the tool failed.
"""
import json
import sys

import jsonschema


def main():
    schema_path, definition, data_path = sys.argv[1:4]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(data_path, encoding="utf-8") as f:
        data = json.load(f)
    base = schema["$id"]
    wrapper = {"$ref": base + "#/$defs/" + definition}
    try:  # jsonschema >= 4.18
        from referencing import Registry, Resource

        registry = Registry().with_resource(base, Resource.from_contents(schema))
        validator = jsonschema.Draft202012Validator(wrapper, registry=registry)
    except ImportError:  # Debian 12 ships 4.10
        resolver = jsonschema.RefResolver(base_uri=base, referrer=schema, store={base: schema})
        validator = jsonschema.Draft202012Validator(wrapper, resolver=resolver)
    errors = sum(1 for _ in validator.iter_errors(data))
    print(f"{data_path}: {errors} errors")
    sys.exit(10 if errors else 0)


if __name__ == "__main__":
    main()
