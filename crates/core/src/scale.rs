//! Axis scales: "nice" bounds and steps for charts, and the decimals a step needs. Datasets
//! use them too, for the bins of a numeric field's distribution.

/// Axes never reach beyond this magnitude, so spans and steps stay finite.
const AXIS_LIMIT: f64 = 1e300;

/// "Nice" axis bounds and step covering `lo..hi` with about five ticks. The result is
/// always finite with `lo < hi` and a positive step, whatever the input (reversed, equal,
/// subnormally close, infinite or NaN bounds).
pub fn nice_scale(lo: f64, hi: f64) -> (f64, f64, f64) {
    let clamp = |v: f64| {
        if v.is_nan() {
            0.0
        } else {
            v.clamp(-AXIS_LIMIT, AXIS_LIMIT)
        }
    };
    let (mut lo, mut hi) = (clamp(lo.min(hi)), clamp(lo.max(hi)));
    let too_close =
        |lo: f64, hi: f64| (hi - lo).abs() < f64::EPSILON || !((hi - lo) / 5.0).is_normal();
    if too_close(lo, hi) {
        // One value: the axis runs from zero to it, or 0–1 when it is (nearly) zero.
        (lo, hi) = (lo.min(0.0), hi.max(0.0));
        if too_close(lo, hi) {
            (lo, hi) = (0.0, 1.0);
        }
    }
    let raw = (hi - lo) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

/// Decimals needed to show ticks of `step` exactly.
pub fn step_decimals(step: f64) -> usize {
    let mut d = 0;
    let mut s = step;
    while d < 6 && (s - s.round()).abs() > 1e-9 {
        s *= 10.0;
        d += 1;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scales() {
        assert_eq!(nice_scale(0.0, 28.0), (0.0, 30.0, 10.0));
        assert_eq!(nice_scale(-67.0, 80.0), (-100.0, 100.0, 50.0));
        assert_eq!(step_decimals(2.5), 1);
        assert_eq!(nice_scale(5.0, 5.0), (0.0, 5.0, 1.0));
        assert_eq!(nice_scale(0.0, 0.0), (0.0, 1.0, 0.2));
    }

    #[test]
    fn nice_scales_of_degenerate_input_are_finite_and_increasing() {
        let odd = [
            (0.0, 5e-324),
            (-5e-324, 0.0),
            (f64::NAN, 1.0),
            (f64::NEG_INFINITY, f64::INFINITY),
            (-1.7e308, 1.7e308),
            (10.0, -10.0),
            (1e20, 1e20 + 16384.0),
        ];
        for (lo, hi) in odd {
            let (a, b, step) = nice_scale(lo, hi);
            assert!(
                a.is_finite() && b.is_finite() && a < b,
                "{lo} {hi}: {a} {b}"
            );
            assert!(step > 0.0 && step.is_finite(), "{lo} {hi}: {step}");
            assert!((b - a) / step <= 12.0, "{lo} {hi}: {a} {b} {step}");
        }
    }
}
