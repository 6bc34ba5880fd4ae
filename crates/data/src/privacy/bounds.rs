//! What a reader can work out about hidden cells from the published totals, exactly.
//!
//! A reader sees every published cell, every published total, and for each hidden cell the
//! range its marker stands for (`<5`: 1–4, or 0–4 where zeros are hidden; `×`: at least
//! `min_count`). Each *line* (a total and the cells it adds up) is an equation. Together they
//! bound every hidden cell more tightly than its marker may: `4 + 4 = 8` under `<5, <5`
//! pins both cells to 4. This module computes, for every hidden cell, the least and the
//! greatest value it takes in any whole-number solution of all the equations at once.
//!
//! Why an exact search and not interval arithmetic alone: narrowing each cell's range line
//! by line (bounds propagation) gives ranges that always *contain* the true ones, but in a
//! table with row and column totals they can be wider than the truth, so a table would be
//! called safe that is not. The search below splits the ranges in halves, narrows with the
//! equations after every split, and so visits only ranges that can still hold a solution;
//! the first solution it finds, trying the lower half of the cell in question first, has
//! that cell at its least value (and, upper half first, at its greatest). This is exact.
//! Tables in reports are small; the work is capped ([`Limits`]), and a group of lines
//! that needs more is reported as [`Verdict::TooLarge`] so that the caller splits it (the
//! total rule) or hides it whole.

/// How much work one group of lines may take.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// A group with more (unknown cells × lines) than this is not searched at all.
    pub size: usize,
    /// The most work (cells visited while narrowing) spent on one group.
    pub work: u64,
}

/// The limits a build uses.
pub(super) const LIMITS: Limits = Limits {
    size: 40_000,
    work: 4_000_000,
};

/// What a reader knows about one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cell {
    /// Published, with this value.
    Known(i64),
    /// Hidden or missing: only that the value lies in `lo..=hi`.
    Unknown {
        /// The least value the marker allows.
        lo: i64,
        /// The greatest.
        hi: i64,
    },
}

/// An equation a reader can read off the table: `total` is the sum of `parts`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// The cell holding the total.
    pub total: usize,
    /// The cells it adds up.
    pub parts: &'a [usize],
}

/// Cells joined by lines: what one search has to consider at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Group {
    /// The unknown cells, ascending.
    pub cells: Vec<usize>,
    /// The lines (indices) that hold them.
    pub lines: Vec<usize>,
}

/// The outcome of checking one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Every hidden cell keeps at least its required range.
    Holds,
    /// These hidden cells can be narrowed below their required range, in cell order.
    Narrowed(Vec<usize>),
    /// The group is beyond the work limit.
    TooLarge,
}

/// The groups of unknown cells joined by the lines in `active` (indices into `lines`).
/// Lines without an unknown cell tell the reader nothing new and join nothing.
pub(super) fn groups(cells: &[Cell], lines: &[Line], active: &[usize]) -> Vec<Group> {
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let unknown = |i: &usize| matches!(cells[*i], Cell::Unknown { .. });
    for &l in active {
        let line = lines[l];
        let members: Vec<usize> = line
            .parts
            .iter()
            .copied()
            .chain([line.total])
            .filter(|i| unknown(i))
            .collect();
        for pair in members.windows(2) {
            let (a, b) = (root(&mut parent, pair[0]), root(&mut parent, pair[1]));
            parent[a] = b;
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Group> = Default::default();
    for i in (0..cells.len()).filter(unknown) {
        let r = root(&mut parent, i);
        by_root
            .entry(r)
            .or_insert_with(|| Group {
                cells: Vec::new(),
                lines: Vec::new(),
            })
            .cells
            .push(i);
    }
    for &l in active {
        let line = lines[l];
        let first = line
            .parts
            .iter()
            .copied()
            .chain([line.total])
            .find(|i| unknown(i));
        if let Some(i) = first {
            let r = root(&mut parent, i);
            if let Some(g) = by_root.get_mut(&r) {
                g.lines.push(l);
            }
        }
    }
    by_root
        .into_values()
        .filter(|g| !g.lines.is_empty())
        .collect()
}

/// Checks that every hidden cell of `group` keeps a range of at least `required(cell)`
/// (greatest minus least feasible value); cells for which `required` is `None` (missing
/// values) are unknowns to the reader but need no protection.
pub(super) fn check(
    cells: &[Cell],
    lines: &[Line],
    group: &Group,
    required: &dyn Fn(usize) -> Option<i64>,
    limits: Limits,
) -> Verdict {
    if group.cells.len() * group.lines.len() > limits.size {
        return Verdict::TooLarge;
    }
    let system = System::new(cells, lines, group);
    let (mut lo, mut hi) = bounds_of(cells, group);
    let mut work = limits.work;
    match system.narrow(&mut lo, &mut hi, &mut work) {
        // The published numbers contradict each other (possible only through missing
        // values): no reader can solve them exactly.
        Ok(false) => return Verdict::Holds,
        Ok(true) => {}
        Err(Exhausted) => return Verdict::TooLarge,
    }
    // The least and greatest value of each cell seen in any solution found so far.
    let mut seen: Vec<Option<(Num, Num)>> = vec![None; group.cells.len()];
    let record = |solution: &[Num], seen: &mut Vec<Option<(Num, Num)>>| {
        for (s, &v) in seen.iter_mut().zip(solution) {
            *s = Some(s.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        }
    };
    let mut narrowed = Vec::new();
    for (k, &cell) in group.cells.iter().enumerate() {
        let Some(width) = required(cell).map(Num::from) else {
            continue;
        };
        if hi[k] - lo[k] < width {
            narrowed.push(cell);
            continue;
        }
        if seen[k].is_some_and(|(a, b)| b - a >= width) {
            continue;
        }
        let least = match system.extreme(&lo, &hi, k, false, &mut work) {
            Ok(Some(s)) => s,
            Ok(None) => return Verdict::Holds,
            Err(Exhausted) => return Verdict::TooLarge,
        };
        record(&least, &mut seen);
        let greatest = match system.extreme(&lo, &hi, k, true, &mut work) {
            Ok(Some(s)) => s,
            Ok(None) => return Verdict::Holds,
            Err(Exhausted) => return Verdict::TooLarge,
        };
        record(&greatest, &mut seen);
        if greatest[k] - least[k] < width {
            narrowed.push(cell);
        }
    }
    if narrowed.is_empty() {
        Verdict::Holds
    } else {
        Verdict::Narrowed(narrowed)
    }
}

/// The work limit was reached.
struct Exhausted;

/// The search's numbers: wide enough that sums over a group's lines of any cells `i64`
/// holds cannot overflow (40,000 terms of at most 2⁶³ are below 2⁷⁹).
type Num = i128;

/// The range each cell of `group` is known to lie in before the search.
fn bounds_of(cells: &[Cell], group: &Group) -> (Vec<Num>, Vec<Num>) {
    group
        .cells
        .iter()
        .map(|&i| match cells[i] {
            Cell::Unknown { lo, hi } => (Num::from(lo), Num::from(hi)),
            Cell::Known(v) => (Num::from(v), Num::from(v)),
        })
        .unzip()
}

/// The lines of a group as equations over its unknown cells (numbered by their position in
/// the group): `Σ sign × x = constant`.
struct System {
    equations: Vec<Equation>,
    /// The equations each unknown appears in.
    of_unknown: Vec<Vec<usize>>,
}

struct Equation {
    terms: Vec<(usize, Num)>,
    constant: Num,
}

impl System {
    fn new(cells: &[Cell], lines: &[Line], group: &Group) -> System {
        let position = |i: usize| group.cells.binary_search(&i).ok();
        let mut equations = Vec::new();
        let mut of_unknown = vec![Vec::new(); group.cells.len()];
        for &l in &group.lines {
            let line = lines[l];
            // parts − total = 0, with the published cells moved to the right-hand side.
            let mut terms = Vec::new();
            let mut constant = 0;
            for (i, sign) in line.parts.iter().map(|&p| (p, 1)).chain([(line.total, -1)]) {
                match (cells[i], position(i)) {
                    (Cell::Unknown { .. }, Some(k)) => terms.push((k, sign)),
                    (Cell::Known(v), _) => constant -= sign * Num::from(v),
                    (Cell::Unknown { .. }, None) => unreachable!("a group holds its lines' cells"),
                }
            }
            for &(k, _) in &terms {
                of_unknown[k].push(equations.len());
            }
            equations.push(Equation { terms, constant });
        }
        System {
            equations,
            of_unknown,
        }
    }

    /// Narrows `lo..=hi` by every equation until none narrows further; `false` when some
    /// range becomes empty (no solution).
    fn narrow(&self, lo: &mut [Num], hi: &mut [Num], work: &mut u64) -> Result<bool, Exhausted> {
        let mut queue: Vec<usize> = (0..self.equations.len()).collect();
        let mut queued = vec![true; self.equations.len()];
        while let Some(e) = queue.pop() {
            queued[e] = false;
            let eq = &self.equations[e];
            *work = work
                .checked_sub(2 * eq.terms.len() as u64 + 1)
                .ok_or(Exhausted)?;
            let (mut least, mut greatest): (Num, Num) = (0, 0);
            for &(k, sign) in &eq.terms {
                if sign > 0 {
                    least += lo[k];
                    greatest += hi[k];
                } else {
                    least -= hi[k];
                    greatest -= lo[k];
                }
            }
            if least > eq.constant || greatest < eq.constant {
                return Ok(false);
            }
            for &(k, sign) in &eq.terms {
                // The other terms lie in [least − own, greatest − own]; the sums are from
                // before this loop's changes, which only makes these bounds looser.
                let (new_lo, new_hi) = if sign > 0 {
                    (
                        eq.constant - (greatest - hi[k]),
                        eq.constant - (least - lo[k]),
                    )
                } else {
                    (least + hi[k] - eq.constant, greatest + lo[k] - eq.constant)
                };
                let changed = new_lo > lo[k] || new_hi < hi[k];
                lo[k] = lo[k].max(new_lo);
                hi[k] = hi[k].min(new_hi);
                if lo[k] > hi[k] {
                    return Ok(false);
                }
                if changed {
                    for &o in &self.of_unknown[k] {
                        if !queued[o] {
                            queued[o] = true;
                            queue.push(o);
                        }
                    }
                }
            }
        }
        Ok(true)
    }

    /// A whole-number solution within `lo..=hi` in which unknown `target` takes its least
    /// (or, with `greatest`, its greatest) value; `None` if there is no solution.
    ///
    /// Depth first, always splitting `target` first while it is not fixed, the preferred
    /// half first: every solution in that half is considered before any in the other, so
    /// the first solution found has `target` at its extreme.
    fn extreme(
        &self,
        lo: &[Num],
        hi: &[Num],
        target: usize,
        greatest: bool,
        work: &mut u64,
    ) -> Result<Option<Vec<Num>>, Exhausted> {
        let mut stack = vec![(lo.to_vec(), hi.to_vec())];
        while let Some((mut lo, mut hi)) = stack.pop() {
            if !self.narrow(&mut lo, &mut hi, work)? {
                continue;
            }
            let split = if lo[target] < hi[target] {
                Some(target)
            } else {
                (0..lo.len())
                    .filter(|&k| lo[k] < hi[k])
                    .min_by_key(|&k| hi[k] - lo[k])
            };
            let Some(k) = split else {
                return Ok(Some(lo));
            };
            *work = work.checked_sub(lo.len() as u64).ok_or(Exhausted)?;
            let middle = lo[k] + (hi[k] - lo[k]) / 2;
            let mut lower = (lo.clone(), hi.clone());
            lower.1[k] = middle;
            let mut upper = (lo, hi);
            upper.0[k] = middle + 1;
            // The half to try first goes on top.
            if k == target && greatest {
                stack.push(lower);
                stack.push(upper);
            } else {
                stack.push(upper);
                stack.push(lower);
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(lo: i64, hi: i64) -> Cell {
        Cell::Unknown { lo, hi }
    }

    /// The range of `cell` found by the search (through `check` with a huge requirement,
    /// which makes it search every cell).
    fn range(cells: &[Cell], lines: &[Line], cell: usize) -> (Num, Num) {
        let active: Vec<usize> = (0..lines.len()).collect();
        let group = groups(cells, lines, &active)
            .into_iter()
            .find(|g| g.cells.contains(&cell))
            .unwrap();
        let system = System::new(cells, lines, &group);
        let k = group.cells.binary_search(&cell).unwrap();
        let (lo, hi) = bounds_of(cells, &group);
        let mut work = LIMITS.work;
        let least = system.extreme(&lo, &hi, k, false, &mut work).ok().flatten();
        let greatest = system.extreme(&lo, &hi, k, true, &mut work).ok().flatten();
        (least.unwrap()[k], greatest.unwrap()[k])
    }

    #[test]
    fn published_numbers_near_the_ends_of_i64_do_not_overflow_the_search() {
        // Two published parts of i64::MAX each: their sum overflowed i64 (a panic in debug
        // builds, a wrong answer in release ones).
        let cells = [
            hidden(1, 4),
            Cell::Known(i64::MAX),
            Cell::Known(i64::MAX),
            Cell::Known(i64::MAX),
        ];
        let parts = [0, 1, 2];
        let lines = [Line {
            total: 3,
            parts: &parts,
        }];
        let group = &groups(&cells, &lines, &[0])[0];
        assert_eq!(
            check(&cells, &lines, group, &|_| Some(3), LIMITS),
            Verdict::Holds,
            "no whole numbers solve the line, so no reader pins the hidden cell"
        );
    }

    #[test]
    fn two_fours_under_eight_are_pinned() {
        let cells = [hidden(1, 4), hidden(1, 4), Cell::Known(8)];
        let parts = [0, 1];
        let lines = [Line {
            total: 2,
            parts: &parts,
        }];
        assert_eq!(range(&cells, &lines, 0), (4, 4));
        let group = &groups(&cells, &lines, &[0])[0];
        assert_eq!(
            check(&cells, &lines, group, &|_| Some(3), LIMITS),
            Verdict::Narrowed(vec![0, 1])
        );
    }

    /// Three lines in a cycle (as a table with totals in three directions has): each pair of
    /// the hidden cells adds up to 4. Narrowing line by line leaves each in 1–3; the only
    /// solution is 2, 2, 2.
    #[test]
    fn the_search_is_tighter_than_line_by_line_narrowing() {
        let cells = [
            hidden(1, 4),
            hidden(1, 4),
            hidden(1, 4),
            Cell::Known(4),
            Cell::Known(4),
            Cell::Known(4),
        ];
        let (xy, yz, xz) = ([0, 1], [1, 2], [0, 2]);
        let lines = [
            Line {
                total: 3,
                parts: &xy,
            },
            Line {
                total: 4,
                parts: &yz,
            },
            Line {
                total: 5,
                parts: &xz,
            },
        ];
        let group = &groups(&cells, &lines, &[0, 1, 2])[0];
        let system = System::new(&cells, &lines, group);
        let (mut lo, mut hi) = (vec![1; 3], vec![4; 3]);
        assert!(matches!(
            system.narrow(&mut lo, &mut hi, &mut LIMITS.work.clone()),
            Ok(true)
        ));
        assert_eq!((lo[0], hi[0]), (1, 3), "line by line");
        assert_eq!(range(&cells, &lines, 0), (2, 2), "exact");
        assert_eq!(
            check(&cells, &lines, group, &|_| Some(1), LIMITS),
            Verdict::Narrowed(vec![0, 1, 2])
        );
    }
}
