"""claims.web.html.charts: the dashboard's SVG charts escape their labels and say when there is nothing to show."""

from claims.web.html import charts


def test_chart_labels_are_escaped():
    svg = charts.stacked_bars([("<script>x</script>", {"A": 2})], [charts.Series("A", "#000")], title="T")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "nothing to show" in charts.column_chart([], title="Empty")
    assert "nothing to show" in charts.stacked_bars([("a", {"A": 0})], [charts.Series("A", "#000")], title="E")
