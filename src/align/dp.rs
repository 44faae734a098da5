//! Dynamic programming over beads inside a band: the best monotonic path (Viterbi) and, for
//! each bead on it, its posterior probability (forward–backward), which is the bead's
//! confidence. Memory is proportional to the band's area, never to `n × m`.

/// The cells `(i, j)` the search may visit: for each row `i` (0..=n), columns `lo[i]..=hi[i]`.
/// Rows are monotonic and overlap, so a path from `(0, 0)` to `(n, m)` always exists.
#[derive(Debug, Clone)]
pub struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offsets: Vec<usize>,
}

impl Band {
    /// A band from wished column ranges per row, repaired to be monotonic and connected.
    pub fn new(mut lo: Vec<usize>, mut hi: Vec<usize>, m: usize) -> Band {
        let rows = lo.len();
        assert!(rows >= 1 && hi.len() == rows);
        lo[0] = 0;
        hi[rows - 1] = m;
        for i in 0..rows {
            hi[i] = hi[i].min(m);
            lo[i] = lo[i].min(hi[i]);
        }
        // hi non-decreasing from the top, lo non-decreasing read from the bottom.
        for i in 1..rows {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        for i in (0..rows - 1).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        // Consecutive rows overlap, so a null bead can always step down.
        for i in 1..rows {
            if lo[i] > hi[i - 1] {
                lo[i] = hi[i - 1];
            }
        }
        let mut offsets = Vec::with_capacity(rows + 1);
        let mut total = 0;
        for i in 0..rows {
            offsets.push(total);
            total += hi[i] - lo[i] + 1;
        }
        offsets.push(total);
        Band { lo, hi, offsets }
    }

    /// A band of half-width `width` around the diagonal from `(0, 0)` to `(n, m)`.
    pub fn diagonal(n: usize, m: usize, width: usize) -> Band {
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        for i in 0..=n {
            let centre = (i * m).checked_div(n).unwrap_or(m);
            lo.push(centre.saturating_sub(width));
            hi.push(centre + width);
        }
        Band::new(lo, hi, m)
    }

    /// Number of rows minus one (`n`).
    pub fn n(&self) -> usize {
        self.lo.len() - 1
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        *self.offsets.last().expect("offsets")
    }

    /// The columns of row `i`.
    pub fn columns(&self, i: usize) -> std::ops::RangeInclusive<usize> {
        self.lo[i]..=self.hi[i]
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        if i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i] {
            Some(self.offsets[i] + j - self.lo[i])
        } else {
            None
        }
    }
}

/// One bead of a path: source items `i0..i1`, target items `j0..j1`, and its posterior.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// First source item.
    pub i0: usize,
    /// One past the last source item.
    pub i1: usize,
    /// First target item.
    pub j0: usize,
    /// One past the last target item.
    pub j1: usize,
    /// Posterior probability of this bead given the scores.
    pub posterior: f32,
}

fn log_add(a: f32, b: f32) -> f32 {
    if a == f32::NEG_INFINITY {
        return b;
    }
    if b == f32::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// The best path through the band. `shapes` are the bead shapes `(a, b)` allowed; `score`
/// gives the log-score of the bead `i0..i1 × j0..j1` or `None` when it is not allowed.
/// Posteriors use the scores divided by `temperature`; without `temperature` they are not
/// computed (a pass whose path is only compared with another's) and are all 1.
pub fn best_path(
    band: &Band,
    m: usize,
    shapes: &[(usize, usize)],
    temperature: Option<f32>,
    score: impl FnMut(usize, usize, usize, usize) -> Option<f32>,
) -> Vec<Step> {
    let posteriors = temperature.is_some();
    let temperature = temperature.unwrap_or(1.0);
    let n = band.n();
    let tables = forward_pass(band, shapes, posteriors, temperature, score);
    let end = band.index(n, m).expect("the band ends at (n, m)");
    let backward = if posteriors {
        backward_pass(band, shapes, &tables.scores, temperature, end)
    } else {
        Vec::new()
    };
    trace_path(
        band,
        m,
        shapes,
        &tables,
        &backward,
        posteriors.then_some(temperature),
        end,
    )
}

/// What the forward pass leaves for the backward pass and the trace, one value per cell of
/// the band (`scores`: per cell and shape); the Viterbi scores themselves stay in the
/// forward pass.
struct Tables {
    /// The shape of the last bead of that path, `u8::MAX` where none reaches the cell.
    back: Vec<u8>,
    /// The log of the summed (tempered) scores of all paths to the cell, when posteriors
    /// are wanted.
    forward: Vec<f32>,
    /// The score of the bead of each shape ending at each cell (reused by the backward
    /// pass).
    scores: Vec<f32>,
}

/// The forward pass, row by row over the band: for each cell the best bead ending there
/// (Viterbi) and, when `posteriors`, the forward sum. `score` is called once per cell and
/// shape, the only place it is.
fn forward_pass(
    band: &Band,
    shapes: &[(usize, usize)],
    posteriors: bool,
    temperature: f32,
    mut score: impl FnMut(usize, usize, usize, usize) -> Option<f32>,
) -> Tables {
    let n = band.n();
    let cells = band.cells();
    let k = shapes.len();
    let mut best = vec![f32::NEG_INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    let mut forward = vec![f32::NEG_INFINITY; cells];
    // Scores of the bead ending at each cell, per shape (reused by the backward pass).
    let mut scores = vec![f32::NEG_INFINITY; cells * k];
    for i in 0..=n {
        for j in band.columns(i) {
            let here = band.index(i, j).expect("in band");
            if i == 0 && j == 0 {
                best[here] = 0.0;
                forward[here] = 0.0;
                continue;
            }
            let mut top = f32::NEG_INFINITY;
            let mut top_shape = u8::MAX;
            let mut total = f32::NEG_INFINITY;
            for (s, &(a, b)) in shapes.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let Some(from) = band.index(i - a, j - b) else {
                    continue;
                };
                if best[from] == f32::NEG_INFINITY {
                    continue;
                }
                let Some(value) = score(i - a, i, j - b, j) else {
                    continue;
                };
                scores[here * k + s] = value;
                let candidate = best[from] + value;
                if candidate > top {
                    top = candidate;
                    top_shape = s as u8;
                }
                if posteriors {
                    total = log_add(total, forward[from] + value / temperature);
                }
            }
            best[here] = top;
            back[here] = top_shape;
            forward[here] = total;
        }
    }
    Tables {
        back,
        forward,
        scores,
    }
}

/// The backward pass, from (n, m) back to (0, 0): for each cell the log of the summed
/// (tempered) scores of all paths from it to the end, from the bead scores the forward
/// pass kept. Only run when posteriors are wanted.
fn backward_pass(
    band: &Band,
    shapes: &[(usize, usize)],
    scores: &[f32],
    temperature: f32,
    end: usize,
) -> Vec<f32> {
    let n = band.n();
    let k = shapes.len();
    let mut backward = vec![f32::NEG_INFINITY; band.cells()];
    backward[end] = 0.0;
    for i in (0..=n).rev() {
        for j in band.columns(i).rev() {
            let here = band.index(i, j).expect("in band");
            if here == end {
                continue;
            }
            let mut total = f32::NEG_INFINITY;
            for (s, &(a, b)) in shapes.iter().enumerate() {
                let Some(to) = band.index(i + a, j + b) else {
                    continue;
                };
                let value = scores[to * k + s];
                if value == f32::NEG_INFINITY || backward[to] == f32::NEG_INFINITY {
                    continue;
                }
                total = log_add(total, value / temperature + backward[to]);
            }
            backward[here] = total;
        }
    }
    backward
}

/// The path, traced back from (n, m) along the forward pass's best shapes, with each
/// bead's posterior (forward × bead × backward over the total) when `temperature` is
/// given, 1 otherwise.
fn trace_path(
    band: &Band,
    m: usize,
    shapes: &[(usize, usize)],
    tables: &Tables,
    backward: &[f32],
    temperature: Option<f32>,
    end: usize,
) -> Vec<Step> {
    let k = shapes.len();
    let (back, forward, scores) = (&tables.back, &tables.forward, &tables.scores);
    let z = forward[end];
    let mut steps = Vec::new();
    let (mut i, mut j) = (band.n(), m);
    while i > 0 || j > 0 {
        let here = band.index(i, j).expect("path stays in band");
        let s = back[here] as usize;
        assert!(s < k, "no path reaches ({i}, {j})");
        let (a, b) = shapes[s];
        let from = band.index(i - a, j - b).expect("in band");
        let value = scores[here * k + s];
        let posterior = if let Some(temperature) = temperature {
            (forward[from] + value / temperature + backward[here] - z)
                .exp()
                .clamp(0.0, 1.0)
        } else {
            1.0
        };
        steps.push(Step {
            i0: i - a,
            i1: i,
            j0: j - b,
            j1: j,
            posterior,
        });
        i -= a;
        j -= b;
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPES: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];

    #[test]
    fn bands_are_repaired_to_be_connected() {
        let band = Band::new(vec![0, 5, 2], vec![1, 3, 9], 6);
        assert_eq!(band.columns(0), 0..=1);
        assert_eq!(band.columns(1), 1..=3);
        assert_eq!(band.columns(2), 2..=6);
        let diag = Band::diagonal(10, 20, 2);
        assert_eq!(diag.columns(5), 8..=12);
        assert_eq!(diag.columns(10), 18..=20);
    }

    #[test]
    fn the_best_path_follows_the_scores() {
        // Items match when their labels are equal; source 2 has no counterpart.
        let source = [1, 2, 9, 3];
        let target = [1, 2, 3];
        let band = Band::diagonal(source.len(), target.len(), 10);
        let steps = best_path(
            &band,
            target.len(),
            &SHAPES,
            Some(1.0),
            |i0, i1, j0, j1| match (i1 - i0, j1 - j0) {
                (1, 1) => Some(if source[i0] == target[j0] { 5.0 } else { -5.0 }),
                (1, 0) | (0, 1) => Some(-2.0),
                _ => Some(-8.0),
            },
        );
        let beads: Vec<(usize, usize, usize, usize)> =
            steps.iter().map(|s| (s.i0, s.i1, s.j0, s.j1)).collect();
        assert_eq!(
            beads,
            [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 2), (3, 4, 2, 3)]
        );
        for step in &steps {
            assert!(step.posterior > 0.5, "{step:?}");
        }
    }

    #[test]
    fn posteriors_are_low_when_alternatives_are_as_good() {
        let band = Band::diagonal(2, 2, 4);
        let steps = best_path(&band, 2, &SHAPES, Some(1.0), |_, _, _, _| Some(0.0));
        assert!(steps.iter().all(|s| s.posterior < 0.6), "{steps:?}");
    }

    #[test]
    fn empty_sides_give_null_beads() {
        let band = Band::diagonal(0, 3, 4);
        let steps = best_path(&band, 3, &SHAPES, Some(1.0), |_, _, _, _| Some(-1.0));
        assert_eq!(steps.len(), 3);
        assert!(steps.iter().all(|s| s.i0 == s.i1));
    }
}
