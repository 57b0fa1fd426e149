#!/usr/bin/env python3
"""A generated archive of daily meeting logs, for `scrollback site` and the archive benchmarks.

Writes N_DAYS files OUT/YYYY/MM/DD-MM-YYYY.txt in the Mirage meeting format, one a day from
2016-01-01, each LINES_PER_DAY messages cut from one log written by
../shared/tools/gen-meeting-log.py (its messages kept, their dates set to the file's day).

Usage: gen-archive.py N_DAYS LINES_PER_DAY OUT [--tool PATH]
"""
import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("days", type=int)
    parser.add_argument("lines_per_day", type=int)
    parser.add_argument("out")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--tool", default=os.path.join(here, "..", "..", "shared", "tools", "gen-meeting-log.py"))
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile(suffix=".txt") as whole:
        subprocess.run([sys.executable, args.tool, str(args.days * args.lines_per_day), whole.name], check=True)
        with open(whole.name, encoding="utf-8") as lines:
            day = dt.date(2016, 1, 1)
            for _ in range(args.days):
                folder = os.path.join(args.out, f"{day:%Y}", f"{day:%m}")
                os.makedirs(folder, exist_ok=True)
                stamp = f"{day:%d-%m-%Y}"
                with open(os.path.join(folder, f"{stamp}.txt"), "w", encoding="utf-8") as out:
                    for _ in range(args.lines_per_day):
                        line = lines.readline()
                        if not line:
                            break
                        out.write(stamp + line[10:] if line[2:3] == "-" else line)
                day += dt.timedelta(days=1)

if __name__ == "__main__":
    main()
