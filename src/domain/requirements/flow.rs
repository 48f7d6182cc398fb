//! A small maximum-flow solver (Edmonds-Karp) over integer hundredths of hours.
//!
//! Allocation with choices (caps, hours that may count toward only one of several
//! requirements) is a transportation problem: credits supply hours, requirements absorb up to
//! what they need. The maximum flow is exactly the assignment that leaves the fewest hours
//! missing. Graphs stay tiny because credits with the same eligibility are merged first.

use std::collections::VecDeque;

pub const INFINITE: i64 = i64::MAX / 4;

#[derive(Clone, Debug)]
struct Edge {
    to: usize,
    capacity: i64,
    reverse: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Network {
    edges: Vec<Vec<Edge>>,
}

/// Handle to an edge, to read its flow after solving.
#[derive(Clone, Copy, Debug)]
pub struct EdgeRef {
    from: usize,
    index: usize,
    capacity: i64,
}

impl Network {
    pub fn with_nodes(count: usize) -> Network {
        Network {
            edges: vec![Vec::new(); count],
        }
    }

    pub fn add_edge(&mut self, from: usize, to: usize, capacity: i64) -> EdgeRef {
        let index = self.edges[from].len();
        let reverse = self.edges[to].len() + usize::from(from == to);
        self.edges[from].push(Edge {
            to,
            capacity,
            reverse,
        });
        self.edges[to].push(Edge {
            to: from,
            capacity: 0,
            reverse: index,
        });
        EdgeRef {
            from,
            index,
            capacity,
        }
    }

    pub fn flow(&self, edge: EdgeRef) -> i64 {
        edge.capacity - self.edges[edge.from][edge.index].capacity
    }

    /// Pushes as much as possible from `source` to `sink`; returns the total.
    pub fn max_flow(&mut self, source: usize, sink: usize) -> i64 {
        let mut total = 0;
        let nodes = self.edges.len();
        // One set of search buffers for all augmenting paths.
        let mut parent: Vec<Option<(usize, usize)>> = vec![None; nodes];
        let mut queue = VecDeque::with_capacity(nodes);
        let mut seen = vec![false; nodes];
        loop {
            parent.fill(None);
            seen.fill(false);
            queue.clear();
            queue.push_back(source);
            seen[source] = true;
            while let Some(node) = queue.pop_front() {
                for (i, edge) in self.edges[node].iter().enumerate() {
                    if edge.capacity > 0 && !seen[edge.to] {
                        seen[edge.to] = true;
                        parent[edge.to] = Some((node, i));
                        queue.push_back(edge.to);
                    }
                }
            }
            if !seen[sink] {
                return total;
            }
            let mut push = INFINITE;
            let mut node = sink;
            while let Some((prev, i)) = parent[node] {
                push = push.min(self.edges[prev][i].capacity);
                node = prev;
            }
            let mut node = sink;
            while let Some((prev, i)) = parent[node] {
                self.edges[prev][i].capacity -= push;
                let reverse = self.edges[prev][i].reverse;
                self.edges[node][reverse].capacity += push;
                node = prev;
            }
            total += push;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_assignment_that_fills_both_sinks() {
        // Credit A fits X or Y, credit B fits only X; each needs 2. Greedy A->X would leave Y empty.
        let mut net = Network::with_nodes(6);
        let (s, t, a, b, x, y) = (0, 1, 2, 3, 4, 5);
        net.add_edge(s, a, 2);
        net.add_edge(s, b, 2);
        let ax = net.add_edge(a, x, INFINITE);
        let ay = net.add_edge(a, y, INFINITE);
        net.add_edge(b, x, INFINITE);
        net.add_edge(x, t, 2);
        net.add_edge(y, t, 2);
        assert_eq!(net.max_flow(s, t), 4);
        assert_eq!(net.flow(ay), 2);
        assert_eq!(net.flow(ax), 0);
    }
}
