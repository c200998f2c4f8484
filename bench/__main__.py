"""Run the benchmarks in turn: `python -m bench` (or `make bench`). Each prints its own figures.

The public-form load test (`bench/load_test.py`, about 70 s) runs on its own.
"""

import subprocess
import sys

BENCHMARKS = ["import_bench", "figures_bench", "casework_bench", "privacy_bench"]


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        print(f"== bench.{name}", flush=True)
        failed |= subprocess.call([sys.executable, "-m", f"bench.{name}", *sys.argv[1:]])
    return failed


if __name__ == "__main__":
    sys.exit(main())
