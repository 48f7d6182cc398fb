//! Credits by topic number, built once per case so topic rules only look at their credits.

/// (topic number, credit index) pairs, sorted so each topic's credits form one run.
pub struct TopicIndex {
    pairs: Vec<(u32, usize)>,
    /// How many real credits there are (in canonical order, so sorted by completion date).
    pub real: usize,
}

impl TopicIndex {
    /// `pairs` holds (topic number, credit index) for every topic of every real credit.
    pub fn new(mut pairs: Vec<(u32, usize)>, real: usize) -> TopicIndex {
        pairs.sort_unstable();
        TopicIndex { pairs, real }
    }

    /// Credits carrying any of `topics`, in canonical order, each once.
    pub fn credits_with(&self, topics: &[u32], out: &mut Vec<usize>) {
        out.clear();
        for &topic in topics {
            let from = self.pairs.partition_point(|&(t, _)| t < topic);
            let run = self.pairs[from..].partition_point(|&(t, _)| t == topic);
            out.extend(self.pairs[from..from + run].iter().map(|&(_, c)| c));
        }
        out.sort_unstable();
        out.dedup();
    }
}
