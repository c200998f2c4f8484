"""Run every benchmark in turn: `python -m bench` (or `make bench`). Each prints its own figures."""

import importlib
import subprocess
import sys

BENCHMARKS = ["import_bench", "figures_bench", "casework_bench"]


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        try:
            importlib.util.find_spec(f"bench.{name}")
        except ModuleNotFoundError:
            continue
        print(f"== bench.{name}", flush=True)
        failed |= subprocess.call([sys.executable, "-m", f"bench.{name}", *sys.argv[1:]])
    return failed


if __name__ == "__main__":
    sys.exit(main())
