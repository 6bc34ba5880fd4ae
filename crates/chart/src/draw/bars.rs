//! Bars, grouped bars and stacks, standing up or lying down, drawn by one code path.
//!
//! The drawing works on two axes: the category axis, across which the bars are placed, and
//! the value axis, along which they grow. [`BarAxes`] maps those to the page (categories on
//! x for vertical bars, on y for horizontal ones), and the layout of each orientation says
//! how much room labels take; everything else — stacking, grouping, hidden counts, value
//! labels, grid and axis — is the same code for both.

use super::{
    bottom_title, bottom_title_h, close, draw_bottom_title, fill, gap, gap_texts, legend,
    legend_height, open, patterns, tick_every, ticks, value_range, Frame, Gap, AXIS, GRID,
    MAX_LABELLED_BARS, PLOT_H, TEXT,
};
use crate::model::Matrix;
use crate::spec::Orientation;
use crate::svg::{longest_word, text_width, wrap, Anchor, CHAR_W, LINE_H, N};
use insikt_core::scale::step_decimals;
use std::fmt::Write;

/// The orientation transform: from (category axis, value axis) positions to the page.
struct BarAxes {
    orientation: Orientation,
    /// Where the plot starts and ends on the category axis.
    category_span: (f64, f64),
    /// Where the value range's low end is on the value axis.
    value_start: f64,
    /// How far its high end is from there (negative when values grow upward).
    value_len: f64,
}

impl BarAxes {
    /// The value axis position of `v` in the range `lo..hi`.
    fn at(&self, v: f64, lo: f64, hi: f64) -> f64 {
        self.value_start + (v - lo) / (hi - lo) * self.value_len
    }

    /// A point on the page from its category and value axis positions.
    fn point(&self, category: f64, value: f64) -> (f64, f64) {
        match self.orientation {
            Orientation::Vertical => (category, value),
            Orientation::Horizontal => (value, category),
        }
    }

    /// A box `(x, y, w, h)` from its extent across the categories and along the values
    /// (each as start and length).
    fn rect(&self, (c, thick): (f64, f64), (v, len): (f64, f64)) -> (f64, f64, f64, f64) {
        let ((x, y), (w, h)) = (self.point(c, v), self.point(thick, len));
        (x, y, w, h)
    }

    /// The line across a bar's slot `(c, thick)` at value axis position `v` (the
    /// baseline): where a bar that is not drawn would stand.
    fn across(&self, (c, thick): (f64, f64), v: f64) -> ((f64, f64), (f64, f64)) {
        // Just off the axis line, toward the values, so the axis does not cover it.
        let v = v + 3.0 * self.value_len.signum();
        (self.point(c + 1.0, v), self.point(c + thick - 2.0, v))
    }

    /// Where a value label goes beside a bar in slot `(c, thick)` whose extent along the
    /// values is `(v, len)`: past its end, which is its low end for a negative value.
    fn outside_label(
        &self,
        (c, thick): (f64, f64),
        (v, len): (f64, f64),
        negative: bool,
    ) -> (f64, f64, Anchor) {
        match (self.orientation, negative) {
            (Orientation::Vertical, false) => (c + thick / 2.0, v - 5.0, Anchor::Middle),
            (Orientation::Vertical, true) => (c + thick / 2.0, v + len + 15.0, Anchor::Middle),
            (Orientation::Horizontal, false) => {
                (v + len + 5.0, c + thick / 2.0 + 4.0, Anchor::Start)
            }
            (Orientation::Horizontal, true) => (v - 5.0, c + thick / 2.0 + 4.0, Anchor::End),
        }
    }

    /// Whether a value label `width` wide fits beside a bar `thick` across: lying down
    /// there is always room (the layout keeps it); standing up it may overlap the next bar.
    fn fits_outside(&self, width: f64, thick: f64) -> bool {
        match self.orientation {
            Orientation::Vertical => width <= thick + 6.0,
            Orientation::Horizontal => true,
        }
    }

    /// Whether a value label `width` wide fits inside a stacked part `thick` across and
    /// `len` along.
    fn fits_inside(&self, width: f64, thick: f64, len: f64) -> bool {
        match self.orientation {
            Orientation::Vertical => len >= LINE_H + 2.0 && width + 4.0 <= thick,
            Orientation::Horizontal => width + 6.0 <= len,
        }
    }

    /// The baseline of a label centred in slot `(c, thick)` and on `(v, len)`.
    fn centre(&self, (c, thick): (f64, f64), (v, len): (f64, f64)) -> (f64, f64) {
        match self.orientation {
            Orientation::Vertical => (c + thick / 2.0, v + len / 2.0 + 5.0),
            Orientation::Horizontal => (v + len / 2.0, c + thick / 2.0 + 4.0),
        }
    }

    /// Where the label of the tick at value axis position `v` goes.
    fn tick_label(&self, v: f64) -> (f64, f64, Anchor) {
        let (lo, hi) = self.category_span;
        match self.orientation {
            Orientation::Vertical => (lo - 6.0, v + 5.0, Anchor::End),
            Orientation::Horizontal => (v, hi + 8.0 + 13.0, Anchor::Middle),
        }
    }
}

/// A category's place: where its bars start on the category axis, and its label.
struct Slot {
    start: f64,
    label: (f64, f64, Anchor),
    lines: Vec<String>,
}

/// Where everything goes for one orientation.
struct BarLayout {
    axes: BarAxes,
    height: f64,
    slots: Vec<Slot>,
    /// How thick one bar (or one stack) is across the category axis.
    thick: f64,
    /// The title written under the plot (its lines), and the plot's extent under it.
    bottom_title: (Vec<String>, (f64, f64)),
    /// The title written turned up the left side, and its centre.
    side_title: Option<(String, f64)>,
}

/// Bars, grouped bars and stacks (values already in percent for 100 % stacks). Standing
/// bars lie down when a category label's word would not fit under its bar, and on a phone.
pub fn bars(
    f: &Frame,
    m: &Matrix,
    stacked: bool,
    orientation: Orientation,
    range: Option<[f64; 2]>,
) -> String {
    let m = &m.drawn_series();
    let totals = |c: usize| -> (f64, f64) {
        m.values
            .iter()
            .filter_map(|s| s[c])
            .fold((0.0, 0.0), |(neg, pos), v| {
                if v < 0.0 {
                    (neg + v, pos)
                } else {
                    (neg, pos + v)
                }
            })
    };
    let all: Vec<f64> = if stacked {
        (0..m.categories.len())
            .flat_map(|c| {
                let (a, b) = totals(c);
                [a, b]
            })
            .collect()
    } else {
        m.values.iter().flatten().flatten().copied().collect()
    };
    let (lo, hi, step) = value_range(all.into_iter(), true, range);
    let decimals = step_decimals(step);
    let all_ticks = ticks(lo, hi, step);
    let tick_labels: Vec<String> = all_ticks.iter().map(|t| (f.tick)(*t, decimals)).collect();
    let series = m.series.len();
    let legend_h = legend_height(&m.series, f.width - 20.0);
    // What a gap in each category says (hidden or missing values), for the room it needs.
    let gaps: Vec<Vec<Gap>> = (0..m.categories.len())
        .map(|c| {
            (0..series)
                .filter_map(|s| Gap::of(m.values[s][c], m.hidden[s][c]))
                .collect()
        })
        .collect();
    let gap_w = gaps
        .iter()
        .map(|g| text_width(&gap_texts(f, g)))
        .fold(0.0, f64::max);
    let standing_layout = match orientation {
        Orientation::Vertical if !f.narrow() => standing(f, m, stacked, &tick_labels, legend_h),
        _ => None,
    };
    let layout = match standing_layout {
        Some(layout) => layout,
        None => lying(f, m, stacked, &tick_labels, legend_h, gap_w),
    };
    let axes = &layout.axes;
    let thick = layout.thick;
    // A value label on every bar or on none: none when there are many bars, or when one
    // label would not fit beside its bar.
    let widest_value = m
        .values
        .iter()
        .flatten()
        .flatten()
        .map(|v| text_width(&(f.value)(*v)))
        .fold(0.0, f64::max);
    let value_labels = !stacked
        && m.categories.len() * series <= MAX_LABELLED_BARS
        && axes.fits_outside(widest_value, thick);
    let mut svg = open(f, layout.height);
    if series > 1 {
        svg.raw(&patterns(f.id, series));
    }
    legend(&mut svg, f, &m.series, 10.0, 10.0, f.width - 20.0, false);
    let (c_lo, c_hi) = axes.category_span;
    // Fewer ticks where their labels would touch (lying bars on a phone).
    let every = match axes.orientation {
        Orientation::Horizontal => tick_every(
            all_ticks.len(),
            tick_labels
                .iter()
                .map(|l| text_width(l))
                .fold(0.0, f64::max),
            axes.value_len,
        ),
        Orientation::Vertical => 1,
    };
    for (t, label) in all_ticks.iter().zip(&tick_labels).step_by(every) {
        let v = axes.at(*t, lo, hi);
        svg.line(axes.point(c_lo, v), axes.point(c_hi, v), GRID, "");
        let (x, y, anchor) = axes.tick_label(v);
        svg.text(x, y, anchor, TEXT, label);
    }
    if let Some((t, y)) = &layout.side_title {
        let _ = write!(svg.out, "<text class=\"{TEXT}\" transform=\"translate({} {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>", N(16.0), N(*y), insikt_core::html::escape(t));
    }
    let zero = axes.at(0.0_f64.clamp(lo, hi), lo, hi);
    for (c, slot) in layout.slots.iter().enumerate() {
        let (x, y, anchor) = slot.label;
        svg.lines(x, y, anchor, TEXT, &slot.lines);
        let (mut neg, mut pos) = (0.0, 0.0);
        for s in 0..series {
            let bar_slot = if stacked {
                (slot.start, thick)
            } else {
                (slot.start + s as f64 * thick, thick)
            };
            let Some(v) = m.values[s][c] else {
                if let (Some(why), false) = (Gap::of(None, m.hidden[s][c]), stacked) {
                    let off_axis = zero + 4.0 * axes.value_len.signum();
                    let label = axes.outside_label(bar_slot, (off_axis, 0.0), false);
                    gap(&mut svg, f, why, axes.across(bar_slot, zero), label);
                }
                continue;
            };
            let (p1, p2) = if stacked {
                let base = if v < 0.0 { &mut neg } else { &mut pos };
                let from = *base;
                *base += v;
                (axes.at(from, lo, hi), axes.at(from + v, lo, hi))
            } else {
                (zero, axes.at(v, lo, hi))
            };
            let extent = (p1.min(p2), (p1 - p2).abs());
            let (x, y, w, h) = axes.rect((bar_slot.0, thick - 1.0), extent);
            svg.rect(
                x,
                y,
                w,
                h,
                &fill(f.id, s),
                " class=\"chart-bar\" stroke=\"#fff\" stroke-width=\"1\"",
            );
            let label = (f.value)(v);
            if stacked {
                if axes.fits_inside(text_width(&label), thick, extent.1) {
                    let (x, y) = axes.centre(bar_slot, extent);
                    svg.text(x, y, Anchor::Middle, "chart-inlabel", &label);
                }
            } else if value_labels {
                let (x, y, anchor) = axes.outside_label(bar_slot, extent, v < 0.0);
                svg.text(x, y, anchor, TEXT, &label);
            }
        }
        // A stack's hidden or missing parts: their markers past its end; a stack with
        // nothing drawn is a gap on the baseline.
        if stacked && !gaps[c].is_empty() {
            let bar_slot = (slot.start, thick);
            let end = axes.at(pos.clamp(lo, hi), lo, hi);
            let text = gap_texts(f, &gaps[c]);
            let (x, y, anchor) = axes.outside_label(bar_slot, (end, 0.0), false);
            if pos == 0.0 && neg == 0.0 {
                let class = if gaps[c].iter().any(|g| matches!(g, Gap::Hidden(_))) {
                    "chart-hidden"
                } else {
                    "chart-gap"
                };
                let (from, to) = axes.across(bar_slot, zero);
                svg.line(
                    from,
                    to,
                    class,
                    " stroke-width=\"2\" stroke-dasharray=\"3 2\"",
                );
            }
            svg.text(x, y, anchor, "chart-text chart-marker", &text);
        }
    }
    svg.line(
        axes.point(c_lo, zero),
        axes.point(c_hi, zero),
        AXIS,
        " stroke-width=\"1.5\"",
    );
    let (title, span) = &layout.bottom_title;
    draw_bottom_title(&mut svg, f, title, *span, layout.height);
    close(svg)
}

/// Standing bars: categories across the bottom with wrapped labels, values up the left;
/// `None` when a word of a category label is wider than its bar's slot.
fn standing(
    f: &Frame,
    m: &Matrix,
    stacked: bool,
    tick_labels: &[String],
    legend_h: f64,
) -> Option<BarLayout> {
    let series = m.series.len();
    let left = super::value_axis_left(f, tick_labels);
    let right = f.width - 12.0;
    let band = (right - left) / m.categories.len().max(1) as f64;
    let max_chars = ((band - 6.0) / CHAR_W).floor() as usize;
    if m.categories.iter().any(|c| longest_word(c) > max_chars) {
        return None;
    }
    let labels: Vec<Vec<String>> = m.categories.iter().map(|c| wrap(c, max_chars, 3)).collect();
    let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as f64;
    let top = 10.0 + legend_h + 20.0;
    let bottom = top + PLOT_H;
    let x_title = bottom_title(f, f.x_title);
    let x_title_h = bottom_title_h(&x_title);
    let inner = band * 0.8;
    Some(BarLayout {
        axes: BarAxes {
            orientation: Orientation::Vertical,
            category_span: (left, right),
            value_start: bottom,
            value_len: -PLOT_H,
        },
        height: bottom + 8.0 + label_lines * LINE_H + x_title_h + 8.0,
        slots: labels
            .into_iter()
            .enumerate()
            .map(|(c, lines)| {
                let x0 = left + c as f64 * band;
                Slot {
                    start: x0 + band * 0.1,
                    label: (x0 + band / 2.0, bottom + 8.0 + 13.0, Anchor::Middle),
                    lines,
                }
            })
            .collect(),
        thick: if stacked {
            inner
        } else {
            inner / series as f64
        },
        bottom_title: (x_title, (left, right)),
        side_title: f.y_title.map(|t| (t.to_string(), (top + bottom) / 2.0)),
    })
}

/// Lying bars: categories down the left with wrapped labels, values along the bottom, room
/// on the right for the value labels (or a stack's gap markers, `gap_w` wide) and for half
/// the last tick label.
fn lying(
    f: &Frame,
    m: &Matrix,
    stacked: bool,
    tick_labels: &[String],
    legend_h: f64,
    gap_w: f64,
) -> BarLayout {
    let series = m.series.len();
    // Room for every short word whole, and for compounds up to four characters longer
    // than the usual line (rather than a hyphen before their last few letters).
    let label_chars = if f.narrow() { 14 } else { 26 };
    let longest_compound = m
        .categories
        .iter()
        .flat_map(|c| c.split_whitespace())
        .map(|w| w.chars().count())
        .filter(|n| *n <= label_chars + 4)
        .max()
        .unwrap_or(0);
    let label_chars = m
        .categories
        .iter()
        .map(|c| longest_word(c))
        .fold(label_chars.max(longest_compound), usize::max);
    let labels: Vec<Vec<String>> = m
        .categories
        .iter()
        .map(|c| wrap(c, label_chars, 3))
        .collect();
    let label_w = labels
        .iter()
        .flatten()
        .map(|l| text_width(l))
        .fold(0.0, f64::max);
    let left = 10.0 + label_w + 10.0;
    let value_w = m
        .values
        .iter()
        .flatten()
        .flatten()
        .map(|v| text_width(&(f.value)(*v)))
        .fold(0.0, f64::max);
    let beyond = if stacked { gap_w } else { value_w.max(gap_w) };
    let last_tick = tick_labels.last().map_or(0.0, |t| text_width(t) / 2.0);
    let beyond = if beyond > 0.0 { beyond + 6.0 } else { 0.0 };
    let right = f.width - 14.0 - beyond.max(last_tick);
    let bar_h = if stacked || series == 1 { 24.0 } else { 18.0 };
    let block = if stacked {
        bar_h
    } else {
        bar_h * series as f64
    };
    let top = 10.0 + legend_h + 6.0;
    let row_h: Vec<f64> = labels
        .iter()
        .map(|l| (l.len() as f64 * LINE_H).max(block) + 12.0)
        .collect();
    let plot_h: f64 = row_h.iter().sum();
    let bottom = top + plot_h;
    let mut y0 = top;
    let mut slots = Vec::with_capacity(labels.len());
    for (lines, rh) in labels.into_iter().zip(row_h) {
        slots.push(Slot {
            start: y0 + (rh - block) / 2.0,
            label: (
                left - 10.0,
                y0 + rh / 2.0 - (lines.len() as f64 - 1.0) * LINE_H / 2.0 + 5.0,
                Anchor::End,
            ),
            lines,
        });
        y0 += rh;
    }
    let value_title = bottom_title(f, f.y_title);
    let x_title_h = bottom_title_h(&value_title);
    BarLayout {
        axes: BarAxes {
            orientation: Orientation::Horizontal,
            category_span: (top, bottom),
            value_start: left,
            value_len: right - left,
        },
        height: bottom + 8.0 + LINE_H + x_title_h + 8.0,
        slots,
        thick: bar_h,
        bottom_title: (value_title, (left, right)),
        side_title: None,
    }
}
