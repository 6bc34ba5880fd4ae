//! Drawing the model as SVG: axes, bars, stacks, lines, points and likert panels. Every
//! label is measured and wrapped by characters; series differ by colour *and* by pattern,
//! dash or marker, so charts survive black-and-white print; values are written on the bars.

mod bars;

pub use bars::bars;

use super::model::{LikertPanel, Matrix, Point};
use super::svg::{
    n, one_line, text_width, wrap, Anchor, Svg, CHAR_W, DASHES, FONT, LINE_H, PALETTE,
};
use insikt_core::scale::{nice_scale, step_decimals};
use insikt_data::privacy::Suppression;
use std::fmt::Write;

/// Width of every chart in SVG units.
pub const WIDTH: f64 = 640.0;
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
}

/// Fill of series `i`: a colour, with a pattern from the second series on.
fn fill(id: &str, i: usize) -> String {
    if i.is_multiple_of(8) {
        PALETTE[0].to_string()
    } else {
        format!("url(#{id}-p{})", i % 8)
    }
}

/// Pattern definitions for `count` series.
fn patterns(id: &str, count: usize) -> String {
    let mut out = String::from("<defs>");
    for (i, colour) in PALETTE.iter().enumerate().take(count.min(8)).skip(1) {
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

/// How far a hidden count's placeholder reaches, in SVG units: the same for every hidden
/// cell, so its size says nothing about the value.
const HIDDEN_LEN: f64 = 22.0;

/// The hatch that fills the placeholder of a hidden count.
fn hidden_pattern(id: &str) -> String {
    format!(
        "<defs><pattern id=\"{id}-hidden\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"chart-hidden-ground\" fill=\"#fff\"/><path d=\"M0 0L0 6\" class=\"chart-hidden-hatch\" stroke=\"#595959\" stroke-width=\"2\"/></pattern></defs>"
    )
}

/// A hatched, dashed box standing for a hidden count, labelled with its marker at
/// `label_at` (x, y, anchor), or inside the box when that is `None`.
fn placeholder(
    svg: &mut Svg,
    f: &Frame,
    why: Suppression,
    (x, y, w, h): (f64, f64, f64, f64),
    label_at: Option<(f64, f64, Anchor)>,
) {
    svg.rect(
        x,
        y,
        w.max(1.0),
        h.max(1.0),
        &format!("url(#{}-hidden)", f.id),
        " class=\"chart-hidden\" stroke=\"#1a1a1a\" stroke-width=\"1\" stroke-dasharray=\"3 2\"",
    );
    let label = (f.marker)(why);
    match label_at {
        Some((lx, ly, anchor)) => svg.text(lx, ly, anchor, TEXT, &label),
        None => svg.text(
            x + w / 2.0,
            y + h / 2.0 + 5.0,
            Anchor::Middle,
            "chart-inlabel",
            &label,
        ),
    }
}

fn open(f: &Frame, height: f64) -> Svg {
    let mut svg = Svg::default();
    let _ = write!(
        svg.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"{FONT}\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        insikt_core::html::escape(f.title),
        insikt_core::html::escape(f.desc),
        w = n(WIDTH),
        h = n(height.ceil()),
        id = f.id,
    );
    svg
}

fn close(mut svg: Svg) -> String {
    svg.raw("</svg>");
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
            svg.raw(&format!(
                "<path d=\"M{} {}h18\" stroke=\"{}\" stroke-width=\"3\" stroke-dasharray=\"{}\" fill=\"none\"/>",
                n(x),
                n(y + 7.0),
                PALETTE[i % 8],
                DASHES[i % DASHES.len()]
            ));
        } else {
            svg.rect(
                x,
                y,
                16.0,
                16.0,
                &fill(f.id, i),
                " stroke=\"#1a1a1a\" stroke-width=\"0.75\"",
            );
        }
        svg.text(x + 22.0, y + 13.0, Anchor::Start, TEXT, &text);
        x += w;
    }
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

/// Lines over ordered categories, one per series, broken where a value is missing.
pub fn lines(f: &Frame, m: &Matrix, range: Option<[f64; 2]>) -> String {
    let (lo, hi, step) = value_range(m.values.iter().flatten().flatten().copied(), false, range);
    let decimals = step_decimals(step);
    let tick_labels: Vec<String> = ticks(lo, hi, step)
        .iter()
        .map(|t| (f.tick)(*t, decimals))
        .collect();
    let series = m.series.len();
    let legend_h = legend_height(&m.series, WIDTH - 20.0);
    let left = value_axis_left(f, &tick_labels);
    let end_labels: Vec<String> = m.series.iter().map(|s| one_line(s, 14)).collect();
    let end_w = if series > 1 {
        end_labels.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 10.0
    } else {
        0.0
    };
    let right = WIDTH - 16.0 - end_w;
    let cats = m.categories.len().max(1);
    let spacing = (right - left) / (cats.max(2) - 1) as f64;
    let longest = m
        .categories
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(1)
        .min(MAX_TICK_LABEL);
    let every = ((longest as f64 * CHAR_W + 10.0) / spacing).ceil().max(1.0) as usize;
    let top = 10.0 + legend_h + 14.0;
    let bottom = top + PLOT_H;
    let x_title_h = if f.x_title.is_some() {
        LINE_H + 8.0
    } else {
        0.0
    };
    let height = bottom + 8.0 + LINE_H + x_title_h + 8.0;
    let mut svg = open(f, height);
    if m.any_hidden() {
        svg.raw(&hidden_pattern(f.id));
    }
    legend(&mut svg, f, &m.series, 10.0, 10.0, WIDTH - 20.0, true);
    let y_of = |v: f64| bottom - (v - lo) / (hi - lo) * PLOT_H;
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
        let _ = write!(svg.out, "<text class=\"{TEXT}\" transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>", n((top + bottom) / 2.0), insikt_core::html::escape(t));
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
    for (s, values) in m.values.iter().enumerate() {
        let colour = PALETTE[s % 8];
        let mut d = String::new();
        let mut pen_down = false;
        for (c, v) in values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{} {}",
                        if pen_down { "L" } else { "M" },
                        n(x_of(c)),
                        n(y_of(*v))
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
        // A hidden value breaks the line; a placeholder on the axis says why.
        for (c, why) in m.hidden[s].iter().enumerate() {
            if let Some(why) = why {
                let w = 14.0;
                placeholder(
                    &mut svg,
                    f,
                    *why,
                    (x_of(c) - w / 2.0, bottom - w, w, w),
                    Some((x_of(c), bottom - w - 5.0 - 16.0 * s as f64, Anchor::Middle)),
                );
            }
        }
        if let Some((c, v)) = values
            .iter()
            .enumerate()
            .rev()
            .find_map(|(c, v)| v.map(|v| (c, v)))
        {
            let _ = c;
            ends.push((y_of(v), s));
        }
    }
    if series > 1 {
        ends.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut last = f64::NEG_INFINITY;
        for (y, s) in ends {
            let y = (y + 5.0).max(last + LINE_H);
            svg.text(right + 10.0, y, Anchor::Start, TEXT, &end_labels[s]);
            last = y;
        }
    }
    if let Some(t) = f.x_title {
        svg.text((left + right) / 2.0, height - 10.0, Anchor::Middle, TEXT, t);
    }
    close(svg)
}

/// A point marker whose shape depends on the series.
fn marker(svg: &mut Svg, s: usize, x: f64, y: f64, colour: &str) {
    let shape = match s % 4 {
        0 => format!("<circle cx=\"{}\" cy=\"{}\" r=\"4.5\"", n(x), n(y)),
        1 => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\"",
            n(x - 4.0),
            n(y - 4.0)
        ),
        2 => format!("<path d=\"M{} {}l5 9h-10z\"", n(x), n(y - 5.5)),
        _ => format!("<path d=\"M{} {}l5 5l-5 5l-5-5z\"", n(x), n(y - 5.0)),
    };
    let _ = write!(
        svg.out,
        "{shape} fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1\"/>"
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
    let right = WIDTH - (x_tick_w / 2.0 + 6.0).max(20.0);
    let top = 16.0;
    let plot_h = 340.0;
    let bottom = top + plot_h;
    let x_title_h = if f.x_title.is_some() {
        LINE_H + 8.0
    } else {
        0.0
    };
    let height = bottom + 8.0 + LINE_H + x_title_h + 8.0;
    let mut svg = open(f, height);
    let x_of = |v: f64| left + (v - xlo) / (xhi - xlo) * (right - left);
    let y_of = |v: f64| bottom - (v - ylo) / (yhi - ylo) * plot_h;
    for (t, label) in ticks(ylo, yhi, ystep).iter().zip(&y_ticks) {
        svg.line((left, y_of(*t)), (right, y_of(*t)), GRID, "");
        svg.text(left - 6.0, y_of(*t) + 5.0, Anchor::End, TEXT, label);
    }
    for t in ticks(xlo, xhi, xstep) {
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
        let _ = write!(svg.out, "<text class=\"{TEXT}\" transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>", n((top + bottom) / 2.0), insikt_core::html::escape(t));
    }
    for (i, p) in points.iter().enumerate() {
        let (x, y) = (x_of(p.x), y_of(p.y));
        let _ = write!(svg.out, "<circle class=\"chart-point\" cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>", n(x), n(y), PALETTE[i % 8]);
        let label = wrap(&p.label, 24, 2);
        let w = label.iter().map(|l| text_width(l)).fold(0.0, f64::max);
        let (lx, anchor) = if x + 12.0 + w > right {
            (x - 12.0, Anchor::End)
        } else {
            (x + 12.0, Anchor::Start)
        };
        svg.lines(lx, y + 5.0, anchor, "chart-text chart-point-label", &label);
    }
    if let Some(t) = f.x_title {
        svg.text((left + right) / 2.0, height - 10.0, Anchor::Middle, TEXT, t);
    }
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
pub fn likert(
    f: &Frame,
    panels: &[LikertPanel],
    agree_label: &str,
    dont_know: Option<&str>,
    share_text: &dyn Fn(f64) -> String,
) -> String {
    let answers = panels
        .first()
        .map(|p| p.matrix.series.clone())
        .unwrap_or_default();
    let colours = likert_colours(answers.len());
    let mut legend_labels = answers.clone();
    if let Some(dk) = dont_know {
        legend_labels.push(dk.to_string());
    }
    let legend_h = legend_height(&legend_labels, WIDTH - 20.0);
    let label_w = panels
        .iter()
        .flat_map(|p| p.matrix.categories.iter())
        .flat_map(|c| wrap(c, 24, 3))
        .map(|l| text_width(&l))
        .fold(0.0, f64::max);
    let left = 10.0 + label_w + 10.0;
    let share_w = 76.0;
    let dk_w = if dont_know.is_some() { 60.0 } else { 0.0 };
    let right = WIDTH - 10.0 - share_w - dk_w;
    let bar_h = 24.0;
    let mut height = 10.0 + legend_h + 24.0 + LINE_H;
    for p in panels {
        if p.group.is_some() {
            height += LINE_H + 10.0;
        }
        for c in &p.matrix.categories {
            height += (wrap(c, 24, 3).len() as f64 * LINE_H).max(bar_h) + 10.0;
        }
    }
    height += 10.0;
    let mut svg = open(f, height);
    if panels.iter().any(|p| p.matrix.any_hidden()) {
        svg.raw(&hidden_pattern(f.id));
    }
    // Legend: colour swatches in answer order, then "don't know".
    let (mut x, mut y) = (10.0, 10.0);
    for (i, l) in legend_labels.iter().enumerate() {
        let text = one_line(l, 30);
        let w = 22.0 + text_width(&text) + 18.0;
        if x + w > WIDTH - 10.0 && x > 10.0 {
            x = 10.0;
            y += LINE_H + 6.0;
        }
        let colour = colours.get(i).copied().unwrap_or("#ffffff");
        svg.rect(
            x,
            y,
            16.0,
            16.0,
            colour,
            " stroke=\"#1a1a1a\" stroke-width=\"0.75\"",
        );
        svg.text(x + 22.0, y + 13.0, Anchor::Start, TEXT, &text);
        x += w;
    }
    let mut y = 10.0 + legend_h + 4.0;
    let head = wrap(agree_label, 11, 2);
    svg.lines(
        right + share_w - 4.0,
        y + 12.0,
        Anchor::End,
        "chart-text chart-small",
        &head,
    );
    if let Some(dk) = dont_know {
        svg.lines(
            right + share_w + dk_w / 2.0,
            y + 12.0,
            Anchor::Middle,
            "chart-text chart-small",
            &wrap(dk, 8, 2),
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
            let lines = wrap(item, 24, 3);
            let rh = (lines.len() as f64 * LINE_H).max(bar_h) + 10.0;
            let by = y + (rh - bar_h) / 2.0;
            svg.lines(
                left - 10.0,
                y + rh / 2.0 - (lines.len() as f64 - 1.0) * LINE_H / 2.0 + 5.0,
                Anchor::End,
                TEXT,
                &lines,
            );
            let values = p.matrix.column(c);
            let total: f64 = values.iter().sum();
            let hidden = p
                .matrix
                .hidden
                .iter()
                .filter_map(|h| h[c])
                .min_by_key(|w| *w != Suppression::Primary);
            if let Some(why) = hidden {
                placeholder(&mut svg, f, why, (left, by, right - left, bar_h), None);
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
                    " class=\"chart-bar\" stroke=\"#1a1a1a\" stroke-width=\"0.5\"",
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
                    (_, Some(why)) => Some((f.marker)(why)),
                    (Some(v), None) => Some((f.value)(v)),
                    (None, None) => None,
                };
                if let Some(text) = text {
                    svg.text(
                        right + share_w + dk_w / 2.0,
                        by + bar_h / 2.0 + 5.0,
                        Anchor::Middle,
                        TEXT,
                        &text,
                    );
                }
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
