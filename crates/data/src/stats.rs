//! Summary statistics per field, for the codebook pages.

use super::{Dataset, FieldType, Value};
use std::collections::HashMap;

/// Categorical fields with more distinct values than this get no frequency table.
const MAX_FREQUENCIES: usize = 20;

/// Statistics of one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStats {
    /// Cells with a value.
    pub count: usize,
    /// Missing cells.
    pub missing: usize,
    /// Hidden counts (left out of every other statistic).
    pub suppressed: usize,
    /// For numeric fields.
    pub numeric: Option<Numeric>,
    /// For categorical fields: each value and how often it occurs, in category order
    /// (else first-appearance order).
    pub frequencies: Vec<(String, usize)>,
}

/// Minimum, maximum, mean and median of a numeric field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeric {
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Arithmetic mean.
    pub mean: f64,
    /// Median (mean of the middle two for an even count).
    pub median: f64,
}

/// Statistics of column `c` of `dataset`.
pub fn field_stats(dataset: &Dataset, c: usize) -> FieldStats {
    let field = &dataset.fields[c];
    let column = &dataset.columns[c];
    let missing = column.iter().filter(|v| *v == Value::Missing).count();
    let suppressed = column
        .iter()
        .filter(|v| matches!(v, Value::Suppressed(_)))
        .count();
    // Total rows would be the maximum and pull the mean: they are left out.
    let totals = if field.kind.is_numeric() {
        super::totals::total_rows(dataset, &[])
    } else {
        Vec::new()
    };
    let mut numbers: Vec<f64> = column
        .iter()
        .enumerate()
        .filter(|(row, _)| !totals.get(*row).copied().unwrap_or(false))
        .filter_map(|(_, v)| v.number())
        .collect();
    let numeric = (field.kind.is_numeric() && !numbers.is_empty()).then(|| {
        numbers.sort_by(f64::total_cmp);
        let n = numbers.len();
        let median = if n % 2 == 1 {
            numbers[n / 2]
        } else {
            (numbers[n / 2 - 1] + numbers[n / 2]) / 2.0
        };
        Numeric {
            min: numbers[0],
            max: numbers[n - 1],
            mean: numbers.iter().sum::<f64>() / n as f64,
            median,
        }
    });
    let mut frequencies: Vec<(String, usize)> = field
        .categories
        .iter()
        .flatten()
        .map(|c| (c.clone(), 0))
        .collect();
    let categorical = field.categories.is_some()
        || matches!(
            field.kind,
            FieldType::String | FieldType::Boolean | FieldType::Year
        );
    if categorical {
        let mut position: HashMap<String, usize> = HashMap::new();
        for (i, (k, _)) in frequencies.iter().enumerate() {
            position.entry(k.clone()).or_insert(i);
        }
        for (row, v) in column.iter().enumerate() {
            if matches!(v, Value::Missing | Value::Suppressed(_)) {
                continue;
            }
            let text = dataset.display(c, row, insikt_core::language::Language::En);
            match position.get(&text) {
                Some(&i) => frequencies[i].1 += 1,
                None if field.categories.is_none() && frequencies.len() > MAX_FREQUENCIES => {
                    // Too many values for a table; they are cleared below.
                    break;
                }
                None => {
                    position.insert(text.clone(), frequencies.len());
                    frequencies.push((text, 1));
                }
            }
        }
        if field.categories.is_none()
            && (frequencies.len() > MAX_FREQUENCIES || frequencies.iter().all(|(_, n)| *n == 1))
        {
            frequencies.clear();
        }
    }
    FieldStats {
        count: column.len() - missing - suppressed,
        missing,
        suppressed,
        numeric,
        frequencies,
    }
}

/// Counts of column `c`'s numbers in about five equal bins with round bounds, as
/// (lower bound, upper bound, count); empty for non-numeric or empty columns.
pub fn histogram(dataset: &Dataset, c: usize) -> Vec<(f64, f64, usize)> {
    if !dataset.fields[c].kind.is_numeric() {
        return Vec::new();
    }
    let values: Vec<f64> = dataset.columns[c]
        .iter()
        .filter_map(|v| v.number())
        .collect();
    let (Some(lo), Some(hi)) = (
        values.iter().copied().reduce(f64::min),
        values.iter().copied().reduce(f64::max),
    ) else {
        return Vec::new();
    };
    let (lo, hi, step) = insikt_core::scale::nice_scale(lo, hi.max(lo + f64::EPSILON));
    let bins = (((hi - lo) / step).round() as usize).max(1);
    let mut counts = vec![0; bins];
    for v in values {
        let i = (((v - lo) / step).floor() as usize).min(bins - 1);
        counts[i] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, n)| (lo + i as f64 * step, lo + (i + 1) as f64 * step, n))
        .collect()
}
