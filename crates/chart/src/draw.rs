//! Drawing the model as SVG: axes, bars, stacks, lines, points and likert panels. Every
//! label is measured and wrapped by characters; series differ by colour *and* by pattern,
//! dash or marker, so charts survive black-and-white print; values are written on the bars
//! (on every bar or on none). A value that is hidden or missing is a marked gap: a dashed
//! mark on the baseline and its marker text, never a bar with a height.
//!
//! Each chart is drawn at one of two widths: [`WIDTH`] for the text column (text at 14
//! units of 700 is 0.9 × the body text in the desktop column of ~850 px) and
//! [`NARROW_WIDTH`] for phones (bars lie down, the legend is on top, fewer ticks, labels
//! wrapped narrower), so that its text stays at least 11 CSS px wherever it is shown.

mod bars;

pub use bars::bars;

use super::model::{LikertPanel, Matrix, Point};
use super::svg::{
    one_line, text_width, wrap, Anchor, Svg, CHAR_W, DASHES, FONT, LINE_H, N, PALETTE,
};
use insikt_core::scale::{nice_scale, step_decimals};
use insikt_data::privacy::Suppression;
use std::fmt::Write;

/// Width of a chart drawn for the text column, in SVG units.
pub const WIDTH: f64 = 700.0;
/// Width of a chart drawn for a phone, in SVG units: at 358 CSS px (a 390 px phone's
/// column) its text is 14 px, at 288 px (320 px) 11 px.
pub const NARROW_WIDTH: f64 = 360.0;
/// The marker of a missing value in a chart (the Nordic statistics offices' `..`).
pub const MISSING: &str = "..";
/// At most this many bars carry value labels (6 groups × 3 series); beyond, the data
/// table gives the numbers and no bar is labelled.
const MAX_LABELLED_BARS: usize = 18;
const PLOT_H: f64 = 250.0;
const TEXT: &str = "chart-text";
/// Characters of a category label under a line chart's x axis, at most.
const MAX_TICK_LABEL: usize = 30;
const GRID: &str = "chart-grid";
const AXIS: &str = "chart-axis";

/// What every drawing needs besides its data.
pub struct Frame<'a> {
    /// Prefix for ids inside the SVG (unique on the page).
    pub id: &'a str,
    /// The `<title>`.
    pub title: &'a str,
    /// The `<desc>`.
    pub desc: &'a str,
    /// x axis title.
    pub x_title: Option<&'a str>,
    /// y axis title.
    pub y_title: Option<&'a str>,
    /// A value as shown on the chart (with its unit).
    pub value: &'a dyn Fn(f64) -> String,
    /// A tick label with the given decimals.
    pub tick: &'a dyn Fn(f64, usize) -> String,
    /// How a hidden count is labelled: `<5` or `×`.
    pub marker: &'a dyn Fn(Suppression) -> String,
    /// How a missing value is labelled (`..`).
    pub missing: &'a str,
    /// The width to draw at, in SVG units: [`WIDTH`] or [`NARROW_WIDTH`].
    pub width: f64,
}

impl Frame<'_> {
    /// Whether the chart is drawn for a phone.
    pub fn narrow(&self) -> bool {
        self.width < WIDTH
    }
}

/// Distinct fills: a solid colour, then colours with patterns.
const FILLS: usize = 12;

/// Fill of series `i`: a colour, with a pattern from the second series on.
fn fill(id: &str, i: usize) -> String {
    if i.is_multiple_of(FILLS) {
        PALETTE[0].to_string()
    } else {
        format!("url(#{id}-p{})", i % FILLS)
    }
}

/// The colour of series `i`.
fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Pattern definitions for `count` series.
fn patterns(id: &str, count: usize) -> String {
    let mut out = String::from("<defs>");
    for i in 1..count.min(FILLS) {
        let colour = colour(i);
        let mark = match i % 4 {
            1 => "<path d=\"M0 0L0 8\" stroke=\"#fff\" stroke-width=\"2.5\"/>".to_string(),
            2 => "<circle cx=\"4\" cy=\"4\" r=\"1.7\" fill=\"#fff\"/>".to_string(),
            3 => "<path d=\"M0 4L8 4\" stroke=\"#fff\" stroke-width=\"2\"/>".to_string(),
            _ => "<path d=\"M0 0L0 8M0 4L8 4\" stroke=\"#fff\" stroke-width=\"1.5\"/>".to_string(),
        };
        let rotate = if i % 4 == 1 {
            " patternTransform=\"rotate(45)\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<pattern id=\"{id}-p{i}\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"{rotate}><rect width=\"8\" height=\"8\" fill=\"{colour}\"/>{mark}</pattern>"
        );
    }
    out.push_str("</defs>");
    out
}

/// A value that is not drawn, hidden or missing: where its bar or point would be.
#[derive(Clone, Copy)]
enum Gap {
    /// Hidden for privacy (class `chart-hidden`).
    Hidden(Suppression),
    /// Missing in the data (class `chart-gap`).
    Missing,
}

impl Gap {
    /// The gap of a cell, if it is one: hidden, or with no value.
    fn of(value: Option<f64>, hidden: Option<Suppression>) -> Option<Gap> {
        match (value, hidden) {
            (_, Some(why)) => Some(Gap::Hidden(why)),
            (None, None) => Some(Gap::Missing),
            (Some(_), None) => None,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Gap::Hidden(_) => "chart-hidden",
            Gap::Missing => "chart-gap",
        }
    }

    fn text(self, f: &Frame) -> String {
        match self {
            Gap::Hidden(why) => (f.marker)(why),
            Gap::Missing => f.missing.to_string(),
        }
    }
}

/// A marked gap: a dashed mark from `from` to `to` (on the baseline, across where the bar
/// would stand), and the marker text at `label_at` (x, y, anchor).
fn gap(
    svg: &mut Svg,
    f: &Frame,
    why: Gap,
    (from, to): ((f64, f64), (f64, f64)),
    (x, y, anchor): (f64, f64, Anchor),
) {
    svg.line(
        from,
        to,
        why.class(),
        " stroke-width=\"2\" stroke-dasharray=\"3 2\"",
    );
    svg.text(x, y, anchor, "chart-text chart-marker", &why.text(f));
}

/// The marker texts of several gaps, each once, in order.
fn gap_texts(f: &Frame, gaps: &[Gap]) -> String {
    let mut texts: Vec<String> = Vec::new();
    for g in gaps {
        let t = g.text(f);
        if !texts.contains(&t) {
            texts.push(t);
        }
    }
    texts.join(" ")
}

/// Room a drawing starts with: most are 2–10 KB, and growing by doubling from nothing
/// copies them a dozen times.
const SVG_START: usize = 8 * 1024;

fn open(f: &Frame, height: f64) -> Svg {
    let mut svg = Svg {
        out: String::with_capacity(SVG_START),
    };
    let _ = write!(
        svg.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"{FONT}\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        insikt_core::html::escape(f.title),
        insikt_core::html::escape(f.desc),
        w = N(f.width),
        h = N(height.ceil()),
        id = f.id,
    );
    svg
}

fn close(mut svg: Svg) -> String {
    svg.raw("</svg>");
    // Drawings are kept (in the figure cache, for the files written): without the room
    // left over.
    svg.out.shrink_to_fit();
    svg.out
}

/// A legend of swatches laid out in rows across `width`; returns its height.
fn legend_height(labels: &[String], width: f64) -> f64 {
    if labels.len() < 2 {
        return 0.0;
    }
    let mut rows = 1.0;
    let mut x = 0.0;
    for l in labels {
        let w = 22.0 + text_width(&one_line(l, 30)) + 18.0;
        if x + w > width && x > 0.0 {
            rows += 1.0;
            x = 0.0;
        }
        x += w;
    }
    rows * (LINE_H + 6.0) + 6.0
}

/// Draws the legend at `(x0, y0)`; `line` draws dashed line samples instead of swatches.
fn legend(svg: &mut Svg, f: &Frame, labels: &[String], x0: f64, y0: f64, width: f64, line: bool) {
    if labels.len() < 2 {
        return;
    }
    let (mut x, mut y) = (x0, y0);
    for (i, l) in labels.iter().enumerate() {
        let text = one_line(l, 30);
        let w = 22.0 + text_width(&text) + 18.0;
        if x + w > x0 + width && x > x0 {
            x = x0;
            y += LINE_H + 6.0;
        }
        if line {
            let _ = write!(
                svg.out,
                "<path d=\"M{} {}h18\" stroke=\"{}\" stroke-width=\"3\" stroke-dasharray=\"{}\" fill=\"none\"/>",
                N(x),
                N(y + 7.0),
                colour(i),
                DASHES[i % DASHES.len()]
            );
        } else {
            svg.rect(x, y, 16.0, 16.0, &fill(f.id, i), "");
        }
        svg.text(x + 22.0, y + 13.0, Anchor::Start, TEXT, &text);
        x += w;
    }
}

/// A title under the plot, wrapped to the drawing's width (two lines at most).
fn bottom_title(f: &Frame, title: Option<&str>) -> Vec<String> {
    let chars = ((f.width - 20.0) / CHAR_W).floor() as usize;
    title.map(|t| wrap(t, chars, 2)).unwrap_or_default()
}

/// The height a title under the plot takes.
fn bottom_title_h(lines: &[String]) -> f64 {
    if lines.is_empty() {
        0.0
    } else {
        lines.len() as f64 * LINE_H + 8.0
    }
}

/// Draws a title under the plot: centred under `left..right` where it fits, else moved
/// in so that it stays inside the drawing; its last line ends 10 units above `height`.
fn draw_bottom_title(
    svg: &mut Svg,
    f: &Frame,
    lines: &[String],
    (left, right): (f64, f64),
    height: f64,
) {
    let half = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max) / 2.0;
    let x = ((left + right) / 2.0)
        .min(f.width - 10.0 - half)
        .max(10.0 + half);
    let y = height - 10.0 - (lines.len().max(1) - 1) as f64 * LINE_H;
    svg.lines(x, y, Anchor::Middle, TEXT, lines);
}

/// Range of values to show: zero always included for bars. Values that are not finite
/// (too large for a number) are left out.
fn value_range(
    values: impl Iterator<Item = f64>,
    zero: bool,
    fixed: Option<[f64; 2]>,
) -> (f64, f64, f64) {
    if let Some([lo, hi]) = fixed {
        let (_, _, step) = nice_scale(lo, hi);
        return (lo, hi, step);
    }
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    if zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    nice_scale(lo, hi)
}

/// At most this many ticks on an axis, whatever range and step it is given.
const MAX_TICKS: usize = 50;

fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    // Ticks inside the range only (a given range need not be a multiple of the step).
    let count = (hi - lo) / step + 1e-9;
    if count.is_nan() || count < 0.0 {
        return vec![lo];
    }
    let count = (count.floor() as usize).min(MAX_TICKS);
    (0..=count).map(|i| lo + i as f64 * step).collect()
}

/// Every how many ticks to keep on an axis `span` long so that labels `label_w` wide do not
/// touch (the first tick is always kept).
fn tick_every(ticks: usize, label_w: f64, span: f64) -> usize {
    if ticks < 2 {
        return 1;
    }
    let spacing = span.abs() / (ticks - 1) as f64;
    ((label_w + 12.0) / spacing).ceil().max(1.0) as usize
}

/// Lines over ordered categories, one per series, broken where a value is missing or
/// hidden, with the gap marked on the axis.
pub fn lines(f: &Frame, m: &Matrix, range: Option<[f64; 2]>) -> String {
    let m = &m.drawn_series();
    let width = f.width;
    let (lo, hi, step) = value_range(m.values.iter().flatten().flatten().copied(), false, range);
    let decimals = step_decimals(step);
    let tick_labels: Vec<String> = ticks(lo, hi, step)
        .iter()
        .map(|t| (f.tick)(*t, decimals))
        .collect();
    let series = m.series.len();
    let legend_h = legend_height(&m.series, width - 20.0);
    let left = value_axis_left(f, &tick_labels);
    // Names at the lines' ends, besides the legend; on a phone the legend alone.
    let end_labels: Vec<String> = m.series.iter().map(|s| one_line(s, 14)).collect();
    let end_w = if series > 1 && !f.narrow() {
        end_labels.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 10.0
    } else {
        0.0
    };
    let cats = m.categories.len().max(1);
    let longest = m
        .categories
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(1)
        .min(MAX_TICK_LABEL);
    // Room for half the last category label past the plot.
    let right = width - (longest as f64 * CHAR_W / 2.0 + 4.0).max(16.0) - end_w;
    let spacing = (right - left) / (cats.max(2) - 1) as f64;
    let every = ((longest as f64 * CHAR_W + 10.0) / spacing).ceil().max(1.0) as usize;
    let top = 10.0 + legend_h + 14.0;
    let plot_h = if f.narrow() { 220.0 } else { PLOT_H };
    let bottom = top + plot_h;
    let x_title = bottom_title(f, f.x_title);
    let height = bottom + 8.0 + LINE_H + bottom_title_h(&x_title) + 8.0;
    let mut svg = open(f, height);
    legend(&mut svg, f, &m.series, 10.0, 10.0, width - 20.0, true);
    let y_of = |v: f64| bottom - (v - lo) / (hi - lo) * plot_h;
    let x_of = |c: usize| {
        if cats == 1 {
            (left + right) / 2.0
        } else {
            left + c as f64 * spacing
        }
    };
    for (t, label) in ticks(lo, hi, step).iter().zip(&tick_labels) {
        let y = y_of(*t);
        svg.line((left, y), (right, y), GRID, "");
        svg.text(left - 6.0, y + 5.0, Anchor::End, TEXT, label);
    }
    if let Some(t) = f.y_title {
        let _ = write!(svg.out, "<text class=\"{TEXT}\" transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>", N((top + bottom) / 2.0), insikt_core::html::escape(t));
    }
    for (c, cat) in m.categories.iter().enumerate() {
        if c % every == 0 {
            svg.line((x_of(c), bottom), (x_of(c), bottom + 5.0), AXIS, "");
            svg.text(
                x_of(c),
                bottom + 8.0 + 13.0,
                Anchor::Middle,
                TEXT,
                &one_line(cat, longest),
            );
        }
    }
    svg.line(
        (left, bottom),
        (right, bottom),
        AXIS,
        " stroke-width=\"1.5\"",
    );
    let mut ends: Vec<(f64, usize)> = Vec::new();
    // Gap markers of one category stand one above the other, from the axis up.
    let mut gaps_at = vec![0.0; m.categories.len()];
    for (s, values) in m.values.iter().enumerate() {
        let colour = colour(s);
        let mut d = String::new();
        let mut pen_down = false;
        for (c, v) in values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{} {}",
                        if pen_down { "L" } else { "M" },
                        N(x_of(c)),
                        N(y_of(*v))
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let _ = write!(svg.out, "<path class=\"chart-line\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{}\"/>", DASHES[s % DASHES.len()]);
        for (c, v) in values.iter().enumerate() {
            if let Some(v) = v {
                marker(&mut svg, s, x_of(c), y_of(*v), colour);
            }
        }
        // A hidden or missing value breaks the line; a mark on the axis says why.
        for c in 0..m.categories.len() {
            if let Some(why) = Gap::of(values[c], m.hidden[s][c]) {
                let x = x_of(c);
                gap(
                    &mut svg,
                    f,
                    why,
                    ((x - 7.0, bottom - 3.0), (x + 7.0, bottom - 3.0)),
                    (x, bottom - 8.0 - gaps_at[c], Anchor::Middle),
                );
                gaps_at[c] += LINE_H;
            }
        }
        if let Some(v) = values.iter().rev().find_map(|v| *v) {
            ends.push((y_of(v), s));
        }
    }
    if series > 1 && !f.narrow() {
        ends.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut last = f64::NEG_INFINITY;
        for (y, s) in ends {
            let y = (y + 5.0).max(last + LINE_H);
            svg.text(right + 10.0, y, Anchor::Start, TEXT, &end_labels[s]);
            last = y;
        }
    }
    draw_bottom_title(&mut svg, f, &x_title, (left, right), height);
    close(svg)
}

/// A point marker whose shape depends on the series.
fn marker(svg: &mut Svg, s: usize, x: f64, y: f64, colour: &str) {
    let out = &mut svg.out;
    let _ = match s % 4 {
        0 => write!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"4.5\"", N(x), N(y)),
        1 => write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\"",
            N(x - 4.0),
            N(y - 4.0)
        ),
        2 => write!(out, "<path d=\"M{} {}l5 9h-10z\"", N(x), N(y - 5.5)),
        _ => write!(out, "<path d=\"M{} {}l5 5l-5 5l-5-5z\"", N(x), N(y - 5.0)),
    };
    let _ = write!(
        out,
        " fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1\"/>"
    );
}

/// Labelled points on two numeric axes, with optional quadrant lines.
pub fn scatter(
    f: &Frame,
    x_tick: &dyn Fn(f64, usize) -> String,
    points: &[Point],
    quadrants: Option<(f64, f64)>,
    x_range: Option<[f64; 2]>,
    y_range: Option<[f64; 2]>,
) -> String {
    let qx = quadrants.map(|q| q.0);
    let qy = quadrants.map(|q| q.1);
    let (xlo, xhi, xstep) = value_range(points.iter().map(|p| p.x).chain(qx), false, x_range);
    let (ylo, yhi, ystep) = value_range(points.iter().map(|p| p.y).chain(qy), false, y_range);
    let (xd, yd) = (step_decimals(xstep), step_decimals(ystep));
    let y_ticks: Vec<String> = ticks(ylo, yhi, ystep)
        .iter()
        .map(|t| (f.tick)(*t, yd))
        .collect();
    let left = value_axis_left(f, &y_ticks);
    let x_tick_w = ticks(xlo, xhi, xstep)
        .iter()
        .map(|t| text_width(&x_tick(*t, xd)))
        .fold(0.0, f64::max);
    let right = f.width - (x_tick_w / 2.0 + 6.0).max(20.0);
    let x_ticks = ticks(xlo, xhi, xstep);
    let x_every = tick_every(x_ticks.len(), x_tick_w, right - left);
    let top = 16.0;
    let plot_h = if f.narrow() { 300.0 } else { 340.0 };
    let bottom = top + plot_h;
    let x_title = bottom_title(f, f.x_title);
    let height = bottom + 8.0 + LINE_H + bottom_title_h(&x_title) + 8.0;
    let mut svg = open(f, height);
    let x_of = |v: f64| left + (v - xlo) / (xhi - xlo) * (right - left);
    let y_of = |v: f64| bottom - (v - ylo) / (yhi - ylo) * plot_h;
    for (t, label) in ticks(ylo, yhi, ystep).iter().zip(&y_ticks) {
        svg.line((left, y_of(*t)), (right, y_of(*t)), GRID, "");
        svg.text(left - 6.0, y_of(*t) + 5.0, Anchor::End, TEXT, label);
    }
    for t in x_ticks.into_iter().step_by(x_every) {
        svg.line((x_of(t), top), (x_of(t), bottom), GRID, "");
        svg.text(
            x_of(t),
            bottom + 8.0 + 13.0,
            Anchor::Middle,
            TEXT,
            &x_tick(t, xd),
        );
    }
    svg.rect(
        left,
        top,
        right - left,
        plot_h,
        "none",
        " class=\"chart-axis\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"",
    );
    if let Some((qx, qy)) = quadrants {
        if (xlo..=xhi).contains(&qx) {
            svg.line(
                (x_of(qx), top),
                (x_of(qx), bottom),
                AXIS,
                " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"",
            );
        }
        if (ylo..=yhi).contains(&qy) {
            svg.line(
                (left, y_of(qy)),
                (right, y_of(qy)),
                AXIS,
                " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"",
            );
        }
    }
    if let Some(t) = f.y_title {
        let _ = write!(svg.out, "<text class=\"{TEXT}\" transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>", N((top + bottom) / 2.0), insikt_core::html::escape(t));
    }
    for (i, p) in points.iter().enumerate() {
        let (x, y) = (x_of(p.x), y_of(p.y));
        let _ = write!(svg.out, "<circle class=\"chart-point\" cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"1\"/>", N(x), N(y), colour(i));
        let label = wrap(&p.label, if f.narrow() { 14 } else { 24 }, 2);
        let w = label.iter().map(|l| text_width(l)).fold(0.0, f64::max);
        let (lx, anchor) = if x + 12.0 + w > right {
            (x - 12.0, Anchor::End)
        } else {
            (x + 12.0, Anchor::Start)
        };
        svg.lines(lx, y + 5.0, anchor, "chart-text chart-point-label", &label);
    }
    draw_bottom_title(&mut svg, f, &x_title, (left, right), height);
    close(svg)
}

/// Likert colours from "disagree" to "agree", dark to dark through light grey.
fn likert_colours(count: usize) -> Vec<&'static str> {
    let scale: &[&str] = match count {
        1 => &["#0072B2"],
        2 => &["#D55E00", "#0072B2"],
        3 => &["#D55E00", "#BBBBBB", "#0072B2"],
        4 => &["#D55E00", "#F4A582", "#92C5DE", "#0072B2"],
        5 => &["#D55E00", "#F4A582", "#DDDDDD", "#92C5DE", "#0072B2"],
        6 => &[
            "#B2182B", "#D55E00", "#F4A582", "#92C5DE", "#56B4E9", "#0072B2",
        ],
        _ => &[
            "#B2182B", "#D55E00", "#F4A582", "#DDDDDD", "#92C5DE", "#56B4E9", "#0072B2",
        ],
    };
    (0..count).map(|i| scale[i.min(scale.len() - 1)]).collect()
}

/// Index from which answers count as agreeing (the upper half; a middle answer is neutral).
pub fn agree_from(answers: usize) -> usize {
    answers.div_ceil(2)
}

/// Likert panels: a 100 % bar per statement, "don't know" apart, the agree share beside it.
/// On a phone each statement is written above its bar, across the whole width.
pub fn likert(
    f: &Frame,
    panels: &[LikertPanel],
    agree_label: &str,
    dont_know: Option<&str>,
    share_text: &dyn Fn(f64) -> String,
) -> String {
    let width = f.width;
    let answers = panels
        .first()
        .map(|p| p.matrix.series.clone())
        .unwrap_or_default();
    let colours = likert_colours(answers.len());
    let mut legend_labels = answers.clone();
    if let Some(dk) = dont_know {
        legend_labels.push(dk.to_string());
    }
    let legend_h = legend_height(&legend_labels, width - 20.0);
    let above = f.narrow();
    let label_chars = if above {
        ((width - 20.0) / CHAR_W).floor() as usize
    } else {
        24
    };
    let label_lines = |item: &str| wrap(item, label_chars, 3);
    let label_w = panels
        .iter()
        .flat_map(|p| p.matrix.categories.iter())
        .flat_map(|c| label_lines(c))
        .map(|l| text_width(&l))
        .fold(0.0, f64::max);
    let left = if above { 10.0 } else { 10.0 + label_w + 10.0 };
    let share_w = 76.0;
    let dk_w = if dont_know.is_some() { 60.0 } else { 0.0 };
    let right = width - 10.0 - share_w - dk_w;
    let bar_h = 24.0;
    // A statement's row: its label beside or above its bar.
    let row_h = |lines: usize| {
        if above {
            lines as f64 * LINE_H + 4.0 + bar_h + 12.0
        } else {
            (lines as f64 * LINE_H).max(bar_h) + 10.0
        }
    };
    let head = wrap(agree_label, 11, 2);
    let mut height = 10.0 + legend_h + 24.0 + head.len() as f64 * LINE_H;
    for p in panels {
        if p.group.is_some() {
            height += LINE_H + 10.0;
        }
        for c in &p.matrix.categories {
            height += row_h(label_lines(c).len());
        }
    }
    height += 10.0;
    let mut svg = open(f, height);
    // Legend: colour swatches in answer order, then "don't know".
    let (mut x, mut y) = (10.0, 10.0);
    for (i, l) in legend_labels.iter().enumerate() {
        let text = one_line(l, 30);
        let w = 22.0 + text_width(&text) + 18.0;
        if x + w > width - 10.0 && x > 10.0 {
            x = 10.0;
            y += LINE_H + 6.0;
        }
        match colours.get(i) {
            Some(colour) => svg.rect(x, y, 16.0, 16.0, colour, ""),
            // "Don't know" has no bar: an empty swatch.
            None => svg.rect(
                x + 0.5,
                y + 0.5,
                15.0,
                15.0,
                "none",
                " class=\"chart-axis\" stroke=\"#1a1a1a\" stroke-width=\"1\"",
            ),
        }
        svg.text(x + 22.0, y + 13.0, Anchor::Start, TEXT, &text);
        x += w;
    }
    let mut y = 10.0 + legend_h + 4.0;
    svg.lines(right + share_w - 4.0, y + 12.0, Anchor::End, TEXT, &head);
    if let Some(dk) = dont_know {
        svg.lines(
            right + share_w + dk_w / 2.0,
            y + 12.0,
            Anchor::Middle,
            TEXT,
            &wrap(dk, 7, 2),
        );
    }
    y += 20.0 + (head.len() as f64 - 1.0) * LINE_H;
    let from = agree_from(answers.len());
    for p in panels {
        if let Some(g) = &p.group {
            svg.text(10.0, y + 13.0, Anchor::Start, "chart-text chart-panel", g);
            y += LINE_H + 10.0;
        }
        for (c, item) in p.matrix.categories.iter().enumerate() {
            let lines = label_lines(item);
            let rh = row_h(lines.len());
            let by = if above {
                svg.lines(10.0, y + 13.0, Anchor::Start, TEXT, &lines);
                y + lines.len() as f64 * LINE_H + 4.0
            } else {
                svg.lines(
                    left - 10.0,
                    y + rh / 2.0 - (lines.len() as f64 - 1.0) * LINE_H / 2.0 + 5.0,
                    Anchor::End,
                    TEXT,
                    &lines,
                );
                y + (rh - bar_h) / 2.0
            };
            let values = p.matrix.column(c);
            let total: f64 = values.iter().sum();
            let hidden = p
                .matrix
                .hidden
                .iter()
                .filter_map(|h| h[c])
                .min_by_key(|w| *w != Suppression::Primary);
            // A hidden answer hides the whole bar (its shares would give it away): the
            // bar's outline, dashed and empty, with the marker.
            if let Some(why) = hidden {
                svg.rect(
                    left,
                    by,
                    right - left,
                    bar_h,
                    "none",
                    " class=\"chart-hidden\" stroke=\"#1a1a1a\" stroke-width=\"1\" stroke-dasharray=\"3 2\"",
                );
                svg.text(
                    (left + right) / 2.0,
                    by + bar_h / 2.0 + 5.0,
                    Anchor::Middle,
                    "chart-text chart-marker",
                    &(f.marker)(why),
                );
            }
            let mut x = left;
            for (s, v) in values.iter().enumerate() {
                if total <= 0.0 || hidden.is_some() {
                    break;
                }
                let w = v / total * (right - left);
                svg.rect(
                    x,
                    by,
                    w,
                    bar_h,
                    colours[s],
                    " class=\"chart-bar\" stroke=\"#fff\" stroke-width=\"1\"",
                );
                let label = (f.value)(*v);
                if text_width(&label) + 6.0 <= w {
                    svg.text(
                        x + w / 2.0,
                        by + bar_h / 2.0 + 5.0,
                        Anchor::Middle,
                        "chart-inlabel",
                        &label,
                    );
                }
                x += w;
            }
            if total > 0.0 && hidden.is_none() {
                let share = values[from..].iter().sum::<f64>() / total * 100.0;
                svg.text(
                    right + share_w - 4.0,
                    by + bar_h / 2.0 + 5.0,
                    Anchor::End,
                    TEXT,
                    &share_text(share),
                );
            }
            if dont_know.is_some() {
                let text = match (p.dont_know[c], p.dont_know_hidden[c]) {
                    (_, Some(why)) => (f.marker)(why),
                    (Some(v), None) => (f.value)(v),
                    (None, None) => f.missing.to_string(),
                };
                svg.text(
                    right + share_w + dk_w / 2.0,
                    by + bar_h / 2.0 + 5.0,
                    Anchor::Middle,
                    TEXT,
                    &text,
                );
            }
            y += rh;
        }
    }
    close(svg)
}

/// The left margin of a chart whose value axis stands on the left: room for the axis title
/// (if any) and the widest tick label.
fn value_axis_left(f: &Frame, tick_labels: &[String]) -> f64 {
    let title = if f.y_title.is_some() { 24.0 } else { 0.0 };
    10.0 + title
        + tick_labels
            .iter()
            .map(|t| text_width(t))
            .fold(0.0, f64::max)
        + 8.0
}

#[cfg(test)]
mod tests {
    use super::PALETTE;

    /// The page's background in light and dark mode (the theme's `--bg`).
    const BACKGROUNDS: [&str; 2] = ["#ffffff", "#14171b"];

    fn rgb(hex: &str) -> [f64; 3] {
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        [channel(1), channel(3), channel(5)]
    }

    /// sRGB to linear light.
    fn linear(c: [f64; 3]) -> [f64; 3] {
        c.map(|v| {
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        })
    }

    /// WCAG relative luminance and contrast ratio.
    fn luminance(c: [f64; 3]) -> f64 {
        let [r, g, b] = linear(c);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Machado, Oliveira & Fernandes (2009) simulation matrices at full severity, applied
    /// to linear RGB.
    const SIMULATIONS: [(&str, [[f64; 3]; 3]); 3] = [
        (
            "protanopia",
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
        ),
        (
            "deuteranopia",
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
        ),
        (
            "tritanopia",
            [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        ),
    ];

    /// CIELAB (D65) of linear RGB.
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn simulate(m: &[[f64; 3]; 3], c: [f64; 3]) -> [f64; 3] {
        let c = linear(c);
        [0, 1, 2].map(|i| (m[i][0] * c[0] + m[i][1] * c[1] + m[i][2] * c[2]).clamp(0.0, 1.0))
    }

    /// CIE76 colour difference.
    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    #[test]
    fn series_colours_have_3_to_1_contrast_in_light_and_dark_mode() {
        for colour in PALETTE {
            for bg in BACKGROUNDS {
                let ratio = contrast(rgb(colour), rgb(bg));
                assert!(ratio >= 3.0, "{colour} on {bg}: {ratio:.2}:1");
            }
        }
    }

    /// Every pair of series colours differs by a CIE76 ΔE of at least 15 for normal vision
    /// and under each simulated dichromacy (the closest pair, green and grey for
    /// deuteranopia, is 15.7); patterns and dashes tell series apart besides.
    #[test]
    fn series_colours_stay_apart_with_colour_vision_deficiency() {
        let identity = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        for (vision, m) in [("normal", identity)].into_iter().chain(SIMULATIONS) {
            for (i, a) in PALETTE.iter().enumerate() {
                for b in &PALETTE[i + 1..] {
                    let d = delta_e(lab(simulate(&m, rgb(a))), lab(simulate(&m, rgb(b))));
                    assert!(d >= 15.0, "{a} and {b} for {vision}: ΔE {d:.1}");
                }
            }
        }
    }
}
