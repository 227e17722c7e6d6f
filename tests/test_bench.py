"""The benchmark's arithmetic (.ci/bench.py): slices of a run, and slices combined."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("seconds", "slices"),
    [(1, [1]), (2, [2]), (3, [3]), (5, [3, 2]), (10, [2, 2, 2, 2, 2]), (11, [3, 2, 2, 2, 2])],
)
def test_a_run_is_cut_into_whole_slices_of_about_two_seconds(bench, seconds, slices):
    assert bench.slice_lengths(seconds) == slices
    assert sum(slices) == seconds


@pytest.mark.parametrize(("seconds", "slices"), [(2, "1 slice"), (4, "2 slices"), (9, "4 slices")])
def test_a_brief_run_says_its_verdicts_do_not_decide(bench, seconds, slices):
    note = bench.brief_run_note(seconds)
    assert f"Brief run ({seconds} s per target, {slices})" in note
    assert "`make bench` (10 s per target) is the measurement" in note


@pytest.mark.parametrize("seconds", [10, 11, 30])
def test_a_full_run_adds_no_note(bench, seconds):
    assert bench.brief_run_note(seconds) == ""


def test_slices_combine_over_all_requests_and_time(bench):
    parts = [
        {"requests": 1000, "seconds": 2.0, "p50": 3.0, "p99": 10.0, "cpu": 1.0, "bad": 0},
        {"requests": 3000, "seconds": 2.0, "p50": 2.0, "p99": 8.0, "cpu": 2.0, "bad": 1},
        {"requests": 2000, "seconds": 2.0, "p50": 2.5, "p99": 12.0, "cpu": 1.5, "bad": 0},
    ]
    combined = bench.combine(parts)
    # CPU per request over all the requests, not an average of the slices'.
    assert combined == {
        "requests": 6000,
        "rps": 1000.0,
        "p50": 2.5,
        "p99": 12.0,
        "cpu_ms": 4.5 * 1000 / 6000,
        "bad": 1,
    }
