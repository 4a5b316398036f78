"""The area under the false-alarm-rate / false-reject-rate curve of a keyword spotter over
labelled clips, in plain Python: the reference for VoxBench's C++ (core/kws/curves.*).

Sort the keyword probabilities of all clips; for every threshold among them (plus 0 and 1):
    FA rate = non-keyword clips with probability >= threshold / non-keyword clips
    FR rate = keyword clips with probability < threshold / keyword clips
The area is the trapezoidal integral of FR over FA, the points ordered by FA rate. Lower is
better (0: every keyword clip scores above every other clip). Clips whose probability is not a
number are left out; without keyword clips or without other clips the area is undefined.

    python3 tools/demo/kws_area.py CLIPS.json [--points]

CLIPS.json is [{"keyword_probability": p, "is_keyword": true|false}, ...]. Prints the area with
repr() precision ("undefined" and exit status 1 for a one-sided set); --points also prints one
"threshold FA FR" line per point, by threshold.
"""
import argparse
import json
import math
import sys
from typing import List, Optional, Tuple


def curve(clips: List[dict]) -> List[Tuple[float, float, float]]:
    """(threshold, FA rate, FR rate) per distinct threshold, ascending; [] when undefined."""
    keyword = [c["keyword_probability"] for c in clips
               if c["is_keyword"] and not math.isnan(c["keyword_probability"])]
    other = [c["keyword_probability"] for c in clips
             if not c["is_keyword"] and not math.isnan(c["keyword_probability"])]
    if not keyword or not other:
        return []
    points = []
    for t in sorted(set(keyword + other + [0.0, 1.0])):
        fa = sum(1 for p in other if p >= t) / len(other)
        fr = sum(1 for p in keyword if p < t) / len(keyword)
        points.append((t, fa, fr))
    return points


def area(points: List[Tuple[float, float, float]]) -> Optional[float]:
    """Trapezoids of FR over FA. By threshold FA falls and FR rises, so the points taken from the
    highest threshold down are in FA order (the C++ sums in the same order)."""
    if not points:
        return None
    total = 0.0
    for i in range(len(points) - 1, 0, -1):
        _, fa_hi, fr_hi = points[i]
        _, fa_lo, fr_lo = points[i - 1]
        total += (fa_lo - fa_hi) * (fr_hi + fr_lo) / 2
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clips", help='JSON: [{"keyword_probability": p, "is_keyword": bool}, ...]')
    parser.add_argument("--points", action="store_true", help="also print the curve's points")
    args = parser.parse_args()
    with open(args.clips) as f:
        clips = json.load(f)
    points = curve(clips)
    result = area(points)
    print("undefined" if result is None else repr(result))
    if args.points:
        for t, fa, fr in points:
            print(repr(t), repr(fa), repr(fr))
    return 0 if result is not None else 1


if __name__ == "__main__":
    sys.exit(main())
