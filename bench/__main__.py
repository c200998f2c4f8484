"""`python -m bench [report_bench options]` (or `make bench ARGS="…"`): the quick run.

The import and personal-data benchmarks, then the report benchmark (bench/report_bench.py:
by default 15,000 cases on SQLite, a few minutes; `--sizes 15000,100000,1000000 --databases
sqlite,postgresql --helpdesk` for the whole table). The figures, casework and public-form
load benchmarks run on their own: `python -m bench.figures_bench`,
`python -m bench.casework_bench`, `python bench/load_test.py` (docs/reports.md,
docs/load-test.md).
"""

import subprocess
import sys


def main() -> int:
    failed = 0
    quick = (("import_bench", []), ("privacy_bench", []), ("report_bench", sys.argv[1:]))
    for name, args in quick:
        print(f"== bench.{name}", flush=True)
        failed |= subprocess.call([sys.executable, "-m", f"bench.{name}", *args])
    return failed


if __name__ == "__main__":
    sys.exit(main())
