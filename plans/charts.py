"""Geometry of an indicator's chart, drawn as inline SVG by the template (no script, no font)."""

from dataclasses import dataclass

WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


@dataclass
class Chart:
    """Scaled points for the actual values and the planned path, with axis ticks."""

    width: int
    height: int
    actual_points: str
    actual_dots: list
    plan_points: str
    plan_dots: list
    x_ticks: list
    y_ticks: list
    plot_left: int
    plot_right: int
    plot_bottom: int


def indicator_chart(indicator):
    """The chart of one indicator element, or ``None`` when it has nothing to draw."""
    fields = indicator.fields
    plan = [(fields["baseline_year"], fields["baseline_value"])]
    if fields.get("target_2025") is not None:
        plan.append((2025, fields["target_2025"]))
    plan.append((2030, fields["target_2030"]))
    actual = list(indicator.values.items())
    points = plan + actual
    years = [year for year, _ in points]
    numbers = [float(value) for _, value in points]
    first_year, last_year = min(years), max(years)
    low, high = min(numbers), max(numbers)
    if high == low:
        low, high = low - 1, high + 1
    padding = (high - low) * 0.1
    low, high = low - padding, high + padding

    def x(year):
        span = (last_year - first_year) or 1
        return round(LEFT + (year - first_year) / span * (WIDTH - LEFT - RIGHT), 1)

    def y(value):
        return round(TOP + (high - float(value)) / (high - low) * (HEIGHT - TOP - BOTTOM), 1)

    def scaled(series):
        return [
            {
                "x": x(year),
                "y": y(value),
                "year": year,
                "value": value,
                "corner": (x(year) - 4, y(value) - 4),
            }
            for year, value in series
        ]

    step = max(1, (last_year - first_year) // 5)
    x_years = list(range(first_year, last_year + 1, step))
    if x_years[-1] != last_year:
        x_years.append(last_year)
    y_values = [low + (high - low) * i / 4 for i in range(5)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        actual_points=" ".join(f"{p['x']},{p['y']}" for p in scaled(actual)),
        actual_dots=scaled(actual),
        plan_points=" ".join(f"{p['x']},{p['y']}" for p in scaled(plan)),
        plan_dots=scaled(plan),
        x_ticks=[{"x": x(year), "label": year} for year in x_years],
        y_ticks=[{"y": y(value), "label": value} for value in y_values],
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=HEIGHT - BOTTOM,
    )
