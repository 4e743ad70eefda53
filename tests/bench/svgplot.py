"""svgplot.py: failover-time distributions as a standalone SVG, drawn by hand (no plotting library needed).

One panel per scenario, each with its own linear time axis around its data and limit (the scenarios span 30 ms to
4 s, and differ by milliseconds), one row per daemon:
every trial as a dot (jittered vertically), a box from the first to the third quartile, a line at the median,
whiskers to min and max, and the RFC limit as a dashed red line.
"""
import math
from xml.sax.saxutils import escape

from stats import quantile

WIDTH = 860
LEFT = 110
RIGHT = 30
PANEL_HEIGHT = 128
ROW_HEIGHT = 30
COLORS = {"vrrpd": "#1f77b4", "keepalived": "#ff7f0e"}


def nice_step(span):
    raw = span / 6
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def label(seconds):
    return "%g s" % round(seconds, 6) if seconds >= 1 else "%g ms" % round(seconds * 1000, 3)


def tick_label(seconds, step, seconds_unit):
    if seconds_unit:
        return "%.*f s" % (max(0, -math.floor(math.log10(step) + 1e-9)), seconds)
    return "%.*f ms" % (max(0, -math.floor(math.log10(step * 1000) + 1e-9)), seconds * 1000)


def panel(y0, title, limit, limit_name, samples):
    """samples: {daemon: [seconds]}. The axis spans the data and the limit, not zero: the interesting part is how
    far each daemon lands from the RFC limit, a few ms against seconds."""
    out = []
    values = [v for vs in samples.values() for v in vs] + ([limit] if limit else [])
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, high * 0.004)
    step = nice_step(high - low + 2 * pad)
    x_min = step * math.floor(max(low - pad, 0) / step)
    x_max = step * math.ceil((high + pad) / step)
    plot_width = WIDTH - LEFT - RIGHT
    seconds_unit = x_max >= 1

    def x(v):
        return LEFT + plot_width * (v - x_min) / (x_max - x_min)

    out.append('<text x="%d" y="%d" class="title">%s</text>' % (10, y0 + 16, escape(title)))
    axis_y = y0 + 36 + ROW_HEIGHT * len(samples) + 6
    tick = x_min
    while tick <= x_max + step / 1000:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" class="grid"/>' % (x(tick), y0 + 34, x(tick), axis_y))
        out.append('<text x="%.1f" y="%d" class="tick">%s</text>' % (x(tick), axis_y + 14, tick_label(tick, step, seconds_unit)))
        tick += step
    for row, (daemon, vs) in enumerate(samples.items()):
        cy = y0 + 36 + ROW_HEIGHT * row + ROW_HEIGHT / 2
        color = COLORS.get(daemon, "#555")
        out.append('<text x="%d" y="%.1f" class="daemon">%s</text>' % (LEFT - 8, cy + 4, escape(daemon)))
        if not vs:
            continue
        q1, q2, q3 = (quantile(vs, q) for q in (0.25, 0.5, 0.75))
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>' % (x(min(vs)), cy, x(max(vs)), cy, color))
        out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s" fill-opacity="0.25" stroke="%s"/>'
                   % (x(q1), cy - 9, max(x(q3) - x(q1), 1), 18, color, color))
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2.5"/>'
                   % (x(q2), cy - 11, x(q2), cy + 11, color))
        for i, v in enumerate(vs):
            jitter = ((i * 7919) % 13 - 6) * 1.1
            out.append('<circle cx="%.1f" cy="%.1f" r="2.6" fill="%s" fill-opacity="0.8"/>' % (x(v), cy + jitter, color))
    if limit:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" class="limit"/>' % (x(limit), y0 + 22, x(limit), axis_y))
        anchor = "end" if x(limit) > WIDTH / 2 else "start"
        out.append('<text x="%.1f" y="%d" class="limittext" text-anchor="%s">RFC %s %s</text>'
                   % (x(limit) + (-5 if anchor == "end" else 5), y0 + 31, anchor, escape(limit_name), label(limit)))
    return "\n".join(out)


def render(panels, subtitle):
    """panels: [(title, limit_s or None, limit_name, {daemon: [seconds]})]"""
    height = 50 + PANEL_HEIGHT * max(len(panels), 1)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
        'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">' % (WIDTH, height, WIDTH, height),
        "<style>.title{font-size:13px;font-weight:bold}.tick{font-size:10px;text-anchor:middle;fill:#444}"
        ".daemon{font-size:12px;text-anchor:end}.grid{stroke:#ddd}.limit{stroke:#d62728;stroke-dasharray:5,3;"
        "stroke-width:1.5}.limittext{font-size:11px;fill:#d62728}.sub{font-size:11px;fill:#555}</style>",
        '<rect width="100%" height="100%" fill="white"/>',
        '<text x="10" y="20" class="title">Failover time per trial, vrrpd vs keepalived (box: quartiles, '
        'bar: median, whiskers: min-max)</text>',
        '<text x="10" y="36" class="sub">%s</text>' % escape(subtitle),
    ]
    if not panels:
        parts.append('<text x="10" y="70" class="sub">no failover scenario produced data</text>')
    for i, (title, limit, limit_name, samples) in enumerate(panels):
        parts.append(panel(46 + PANEL_HEIGHT * i, title, limit, limit_name, samples))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
