//! A bounded pool for the CPU-heavy part of a request (image decoding and OCR): a fixed number of jobs run at
//! once, a fixed number wait, and a job beyond that is refused at once (`Busy`) rather than queued without bound.
//!
//! Why: decoding an 8000 px photo takes ~200 MB and OCR saturates the cores; fifty concurrent uploads run without a
//! bound used 943 MB and answered slower than one at a time. Bounded, the extra clients get a fast 503 with
//! `Retry-After` and the admitted ones keep their latency.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PoolError {
    /// Every worker is busy and the queue is full.
    #[error("all OCR workers are busy and the queue is full")]
    Busy,
    /// The job panicked; its payload is dropped unread (it may hold text read from a document).
    #[error("the OCR job failed unexpectedly")]
    Panicked,
}

#[derive(Clone)]
pub struct OcrPool {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
    workers: usize,
}

impl OcrPool {
    pub fn new(workers: usize, queue: usize) -> Self {
        let workers = workers.max(1);
        Self {
            running: Arc::new(Semaphore::new(workers)),
            admitted: Arc::new(Semaphore::new(workers + queue)),
            workers,
        }
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Run `job` on a blocking thread once a worker is free; `Busy` at once when the queue is full.
    pub async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, PoolError> {
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| PoolError::Busy)?;
        let running = self.running.clone().acquire_owned().await.map_err(|_| PoolError::Busy)?;
        let handle = tokio::task::spawn_blocking(move || {
            // The permits go when the job ends, even if the caller stopped waiting for it.
            let _permits = (admitted, running);
            std::panic::catch_unwind(AssertUnwindSafe(job))
        });
        match handle.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) | Err(_) => Err(PoolError::Panicked),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[tokio::test]
    async fn jobs_beyond_the_workers_and_the_queue_are_refused_at_once() {
        let pool = OcrPool::new(1, 1);
        let gate = Arc::new(std::sync::Barrier::new(2));
        let g = gate.clone();
        let first = tokio::spawn({
            let pool = pool.clone();
            async move {
                pool.run(move || {
                    g.wait();
                    1
                })
                .await
            }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let second = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(|| 2).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(pool.run(|| 3).await, Err(PoolError::Busy));
        gate.wait();
        assert_eq!(first.await.unwrap(), Ok(1));
        assert_eq!(second.await.unwrap(), Ok(2));
        assert_eq!(pool.run(|| 4).await, Ok(4));
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_error_and_frees_its_worker() {
        let pool = OcrPool::new(1, 0);
        let r: Result<(), _> = pool.run(|| panic!("holder text must not travel")).await;
        assert_eq!(r, Err(PoolError::Panicked));
        let ran = Arc::new(AtomicUsize::new(0));
        let r2 = ran.clone();
        pool.run(move || r2.fetch_add(1, Ordering::SeqCst)).await.unwrap();
        assert_eq!(ran.load(Ordering::SeqCst), 1);
    }
}
