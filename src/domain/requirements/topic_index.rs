//! Credits by topic number, built once per case so topic rules only look at their credits.

/// (topic number, credit index) pairs, sorted so each topic's credits form one run.
pub struct TopicIndex {
    pairs: Vec<(u32, usize)>,
    /// How many real credits there are (in canonical order, so sorted by completion date).
    pub real: usize,
}

impl TopicIndex {
    /// `pairs` holds (topic number, credit index) for every topic of every real credit, in
    /// credit order; topic numbers are below `topics`.
    pub fn new(pairs: Vec<(u32, usize)>, topics: usize, real: usize) -> TopicIndex {
        // A counting sort by topic keeps credit order within each topic: linear, where a
        // comparison sort of a few hundred pairs was a few percent of an evaluation.
        let mut starts = vec![0usize; topics + 1];
        for &(t, _) in &pairs {
            starts[t as usize + 1] += 1;
        }
        for t in 1..starts.len() {
            starts[t] += starts[t - 1];
        }
        let mut sorted = vec![(0, 0); pairs.len()];
        for &(t, c) in &pairs {
            sorted[starts[t as usize]] = (t, c);
            starts[t as usize] += 1;
        }
        TopicIndex {
            pairs: sorted,
            real,
        }
    }

    /// Credits carrying any of `topics`, in canonical order, each once.
    pub fn credits_with(&self, topics: &[u32], out: &mut Vec<usize>) {
        out.clear();
        for &topic in topics {
            let from = self.pairs.partition_point(|&(t, _)| t < topic);
            let run = self.pairs[from..].partition_point(|&(t, _)| t == topic);
            out.extend(self.pairs[from..from + run].iter().map(|&(_, c)| c));
        }
        // One topic's run is already in order (a credit may still list a topic twice).
        if topics.len() > 1 {
            out.sort_unstable();
        }
        out.dedup();
    }
}
