//! The global limit on in-flight API requests, with priorities.
//!
//! Calls wait for a permit in one of three queues, served highest first and in arrival
//! order within a queue. A call's priority is how many dependent round trips can still
//! follow it (the depth its [`Action`](kestrel_model::Action) constant declares): `kms:ListKeys` (then `DescribeKey`, then the rotation
//! status) goes before a leaf such as `ec2:GetEbsEncryptionByDefault`. When requests
//! are waiting (the limit is reached, or the endpoint answers one request at a time),
//! starting the long chains first keeps them off the end of the run, where each of
//! their round trips would otherwise be waited for with nothing else to do.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

/// Number of priority levels (0 = leaf call, nothing depends on it).
const LEVELS: usize = 3;

/// The limit, shared by every collector and every account scanned at the same time.
#[derive(Clone)]
pub struct Limit {
    inner: Arc<Inner>,
}

struct Inner {
    state: Mutex<State>,
}

struct State {
    free: usize,
    waiting: [VecDeque<oneshot::Sender<Permit>>; LEVELS],
}

impl std::fmt::Debug for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limit")
            .field("free", &self.available())
            .finish()
    }
}

/// Held while a request is in flight; dropping it lets the next waiting call go.
pub struct Permit {
    inner: Option<Arc<Inner>>,
}

impl Limit {
    pub fn new(max_in_flight: usize) -> Limit {
        Limit {
            inner: Arc::new(Inner {
                state: Mutex::new(State {
                    free: max_in_flight.max(1),
                    waiting: Default::default(),
                }),
            }),
        }
    }

    /// Waits for a permit at `level` (0..=2; higher goes first).
    pub async fn acquire(&self, level: usize) -> Permit {
        let level = level.min(LEVELS - 1);
        let rx = {
            let mut st = self.inner.state.lock().expect("limit lock");
            if st.free > 0 && st.waiting.iter().all(VecDeque::is_empty) {
                st.free -= 1;
                return Permit {
                    inner: Some(self.inner.clone()),
                };
            }
            let (tx, rx) = oneshot::channel();
            st.waiting[level].push_back(tx);
            rx
        };
        // A permit sent to a call that has since been dropped is dropped with the
        // channel, which releases it again: cancellation loses nothing.
        rx.await
            .expect("a waiting call's sender is never dropped unsent")
    }

    /// Permits not in use (for tests).
    pub fn available(&self) -> usize {
        self.inner.state.lock().expect("limit lock").free
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let Some(inner) = self.inner.take() else {
            return;
        };
        let mut st = inner.state.lock().expect("limit lock");
        loop {
            let next = st.waiting.iter_mut().rev().find_map(VecDeque::pop_front);
            let Some(tx) = next else {
                st.free += 1;
                return;
            };
            match tx.send(Permit {
                inner: Some(inner.clone()),
            }) {
                Ok(()) => return,
                // That call gave up waiting: forget the permit (it was never counted
                // out) and hand it to the next one.
                Err(mut unsent) => unsent.inner = None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn waiting_calls_are_served_highest_priority_first_then_in_order() {
        let limit = Limit::new(1);
        let held = limit.acquire(0).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for (name, level) in [
            ("leaf-a", 0),
            ("chain-1", 1),
            ("leaf-b", 0),
            ("chain-2", 2),
            ("chain-1b", 1),
        ] {
            let limit = limit.clone();
            let order = order.clone();
            tasks.push(tokio::spawn(async move {
                let _p = limit.acquire(level).await;
                order.lock().unwrap().push(name);
            }));
            // Queue them in this order.
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        drop(held);
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(
            *order.lock().unwrap(),
            ["chain-2", "chain-1", "chain-1b", "leaf-a", "leaf-b"]
        );
        assert_eq!(limit.available(), 1);
    }

    #[tokio::test]
    async fn a_call_that_stops_waiting_loses_no_permit() {
        use futures::FutureExt;
        let limit = Limit::new(2);
        let a = limit.acquire(0).await;
        let b = limit.acquire(0).await;
        // Given up while queued.
        let gave_up = tokio::time::timeout(Duration::from_millis(10), limit.acquire(2)).await;
        assert!(gave_up.is_err());
        drop(a);
        assert_eq!(limit.available(), 1);
        let c = limit.acquire(0).await;
        // Handed a permit, then dropped before it ran: the permit comes back.
        let mut queued = Box::pin(limit.acquire(1));
        assert!((&mut queued).now_or_never().is_none());
        drop(b);
        drop(queued);
        assert_eq!(limit.available(), 1);
        drop(c);
        assert_eq!(limit.available(), 2);
    }

    #[tokio::test]
    async fn never_more_than_the_limit_in_flight() {
        let limit = Limit::new(3);
        let now = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let peak = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let tasks: Vec<_> = (0..40)
            .map(|i| {
                let (limit, now, peak) = (limit.clone(), now.clone(), peak.clone());
                tokio::spawn(async move {
                    let _p = limit.acquire(i % 3).await;
                    let n = now.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    peak.fetch_max(n, std::sync::atomic::Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(2)).await;
                    now.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(peak.load(std::sync::atomic::Ordering::SeqCst), 3);
        assert_eq!(limit.available(), 3);
    }

    #[test]
    fn every_declared_depth_is_a_priority_level() {
        // A deeper action would silently share the top queue: add a level instead.
        for a in crate::services::known_actions() {
            assert!((a.depth as usize) < LEVELS, "{a} has depth {}", a.depth);
        }
        assert_eq!(kestrel_model::kms::LIST_KEYS.depth, 2);
        assert_eq!(kestrel_model::kms::DESCRIBE_KEY.depth, 1);
        assert_eq!(kestrel_model::ec2::GET_EBS_ENCRYPTION_BY_DEFAULT.depth, 0);
    }
}
