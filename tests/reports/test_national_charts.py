"""The national summary's charts: boxes only for groups of five councils or more, and
labels for the councils outside the funnel placed without overlapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.benchmark_charts import MIN_BOX, box_by_group
from reports.funnel_chart import funnel_labels


def test_a_box_needs_five_councils_and_smaller_groups_are_dots():
    fig = box_by_group({"Big": [50, 55, 60, 65, 70], "Small": [40, 45]}, "Index")
    kinds = {trace.type: trace for trace in fig.data}
    assert MIN_BOX == 5
    assert [t.name for t in fig.data if t.type == "box"] == ["Big (5)"]
    assert list(kinds["scatter"].x) == [40, 45]
    assert set(kinds["scatter"].y) == {"Small (2)"}


def _box(label, size=14):
    """The label's box in pixels, from where the annotation puts its centre."""
    w = 0.6 * size * len(label["text"])
    h = 1.3 * size
    return label["ax"] - w / 2, label["ay"] - h / 2, label["ax"] + w / 2, label["ay"] + h / 2


def test_labels_of_councils_at_the_same_place_are_stacked_apart():
    points = [("Ashcombe Vale", 10, 80.0), ("Brackenford", 10, 80.0), ("Caldermoor", 10, 79.0)]
    labels = funnel_labels(points, (4, 22))
    assert [label["text"] for label in labels] == ["Ashcombe Vale", "Brackenford", "Caldermoor"]
    offsets = sorted(label["ay"] for label in labels)
    assert len(set(offsets)) == 3  # three different heights


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(5, 20), st.floats(5, 95)),
        min_size=1,
        max_size=6,
        unique_by=lambda p: p,
    )
)
def test_no_two_funnel_labels_overlap(points):
    named = [(f"Council {i}", n, v) for i, (n, v) in enumerate(points)]
    labels = funnel_labels(named, (4, 22))
    width, height = 710, 330  # the plot area funnel_labels lays out in
    placed = []
    for (_name, n, value), label in zip(sorted(named, key=lambda p: -p[2]), labels, strict=False):
        x = (n - 4) / 18 * width
        y = (1 - value / 100) * height
        x0, y0, x1, y1 = _box(label)
        placed.append((x + x0, y + y0, x + x1, y + y1))
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            overlap = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            assert overlap[0] <= 0.01 or overlap[1] <= 0.01
