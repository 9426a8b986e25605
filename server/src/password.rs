//! Password hashing with argon2id at the crate's defaults (m = 19456 KiB, t = 2, p = 1).
//!
//! Hashes run on a few dedicated threads (about one per core), never on the async
//! runtime; requests queue for them. While requests are queued, each thread reuses one
//! 19 MiB block of argon2 memory for hash after hash (`hash_password_into_with_memory`),
//! so a flood of sign-ups holds at most threads × 19 MiB and pays no page faults for
//! fresh memory (measured: allocating per hash cost about 15 % of the server's CPU under a
//! flood). When the queue is empty the block is freed, so an idle server holds none.
//! The threads are scheduled only when no other thread wants the CPU (Linux's
//! `SCHED_IDLE`), so page loads go first: a request thread that wakes up takes the core at
//! once instead of waiting out a hashing thread's time slice.
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::{mpsc, oneshot};

/// Requests waiting for a hashing thread; past this, callers wait to enqueue.
const QUEUE: usize = 4096;
/// Where `SCHED_IDLE` is refused, how much lower than the request threads the hashing
/// threads are scheduled.
const NICENESS: i32 = 10;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Argon2(String),
    #[error("the password hashing threads have stopped")]
    Stopped,
}

/// What the threads share besides the queue.
#[derive(Default)]
struct Counts {
    /// Jobs submitted and not yet taken by a thread.
    waiting: AtomicUsize,
    /// Argon2 blocks the threads hold now.
    blocks_held: AtomicUsize,
}

enum Job {
    Hash {
        password: String,
        reply: oneshot::Sender<Result<String, HashError>>,
    },
    Verify {
        password: String,
        stored: String,
        reply: oneshot::Sender<bool>,
    },
}

#[derive(Clone)]
pub struct PasswordHasher {
    jobs: mpsc::Sender<Job>,
    /// Hashes computed (made or verified) since start.
    done: Arc<AtomicU64>,
    counts: Arc<Counts>,
    /// A hash of a random password, verified against when an email address is unknown so
    /// that a log-in takes as long whether or not the account exists.
    decoy: Arc<str>,
}

impl PasswordHasher {
    /// Starts `threads` hashing threads.
    pub fn new(threads: usize) -> Result<Self, HashError> {
        let (jobs, queue) = mpsc::channel::<Job>(QUEUE);
        let queue = Arc::new(Mutex::new(queue));
        let done = Arc::new(AtomicU64::new(0));
        let counts = Arc::new(Counts::default());
        let mut decoy = None;
        for index in 0..threads.max(1) {
            let mut worker = Worker::new(counts.clone());
            if decoy.is_none() {
                decoy = Some(worker.hash("a password nobody has: decoy for unknown accounts")?);
                worker.give_block_back();
            }
            let (queue, done) = (queue.clone(), done.clone());
            std::thread::Builder::new()
                .name(format!("argon2-{index}"))
                .spawn(move || worker.serve(&queue, &done))
                .map_err(|e| HashError::Argon2(e.to_string()))?;
        }
        Ok(Self {
            jobs,
            done,
            counts,
            decoy: decoy.unwrap_or_default().into(),
        })
    }

    /// Hash requests waiting for a thread.
    pub fn queued(&self) -> usize {
        self.jobs.max_capacity() - self.jobs.capacity()
    }

    /// One hashing thread per core.
    pub fn per_core() -> Result<Self, HashError> {
        Self::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        let (reply, answer) = oneshot::channel();
        self.submit(Job::Hash { password, reply }).await?;
        answer.await.map_err(|_| HashError::Stopped)?
    }

    /// Whether the password matches the stored hash. A malformed hash matches nothing.
    pub async fn verify(&self, password: String, stored: String) -> Result<bool, HashError> {
        let (reply, answer) = oneshot::channel();
        self.submit(Job::Verify {
            password,
            stored,
            reply,
        })
        .await?;
        answer.await.map_err(|_| HashError::Stopped)
    }

    /// Spends the same work as [`verify`](Self::verify), for an unknown account.
    pub async fn verify_decoy(&self, password: String) -> Result<bool, HashError> {
        self.verify(password, self.decoy.to_string())
            .await
            .map(|_| false)
    }

    /// How many hashes have been computed (made or verified) since start.
    pub fn hashes_done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Argon2 blocks (19 MiB each) the hashing threads hold now.
    pub fn blocks_held(&self) -> usize {
        self.counts.blocks_held.load(Ordering::Relaxed)
    }

    async fn submit(&self, job: Job) -> Result<(), HashError> {
        self.counts.waiting.fetch_add(1, Ordering::AcqRel);
        let sent = self.jobs.send(job).await;
        if sent.is_err() {
            self.counts.waiting.fetch_sub(1, Ordering::AcqRel);
        }
        sent.map_err(|_| HashError::Stopped)
    }
}

/// One hashing thread's state: the argon2 memory it reuses while there is work.
struct Worker {
    memory: Option<Vec<Block>>,
    counts: Arc<Counts>,
}

impl Worker {
    fn new(counts: Arc<Counts>) -> Self {
        Self {
            memory: None,
            counts,
        }
    }

    fn memory(&mut self) -> &mut Vec<Block> {
        let counts = &self.counts;
        self.memory.get_or_insert_with(|| {
            counts.blocks_held.fetch_add(1, Ordering::Relaxed);
            vec![Block::default(); Params::DEFAULT.block_count()]
        })
    }

    /// Frees the block (large blocks are unmapped on free, see `memory.rs`).
    fn give_block_back(&mut self) {
        if self.memory.take().is_some() {
            self.counts.blocks_held.fetch_sub(1, Ordering::Relaxed);
        }
    }

    /// A thread keeps its block only while jobs are waiting: it gives it back before it
    /// waits, whether for the queue's lock (another thread is waiting on the queue) or on
    /// the queue itself. (Checking only after a job once left a thread that lost the race
    /// for the last job waiting with its block: 19 MiB held by an idle server.)
    fn serve(mut self, queue: &Mutex<mpsc::Receiver<Job>>, done: &AtomicU64) {
        lower_this_threads_priority();
        loop {
            if self.counts.waiting.load(Ordering::Acquire) == 0 {
                self.give_block_back();
            }
            // One thread waits on the queue at a time; the others wait for the lock.
            let job = match queue.lock() {
                Ok(mut queue) => match queue.try_recv() {
                    Ok(job) => Some(job),
                    Err(TryRecvError::Empty) => {
                        self.give_block_back();
                        queue.blocking_recv()
                    }
                    Err(TryRecvError::Disconnected) => None,
                },
                Err(_) => None,
            };
            if job.is_some() {
                self.counts.waiting.fetch_sub(1, Ordering::AcqRel);
            }
            match job {
                Some(Job::Hash { password, reply }) => {
                    let hash = self.hash(&password);
                    done.fetch_add(1, Ordering::Relaxed);
                    let _ = reply.send(hash);
                }
                Some(Job::Verify {
                    password,
                    stored,
                    reply,
                }) => {
                    let matches = self.verify(&password, &stored);
                    done.fetch_add(1, Ordering::Relaxed);
                    let _ = reply.send(matches);
                }
                None => return,
            }
        }
    }

    /// A PHC string, as `argon2::PasswordHasher::hash_password` makes, in reused memory.
    fn hash(&mut self, password: &str) -> Result<String, HashError> {
        let error = |e: &dyn std::fmt::Display| HashError::Argon2(e.to_string());
        let params = Params::DEFAULT;
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(|e| error(&e))?;
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt_bytes,
                &mut out,
                self.memory(),
            )
            .map_err(|e| error(&e))?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| error(&e))?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).map_err(|e| error(&e))?),
        };
        Ok(phc.to_string())
    }

    fn verify(&mut self, password: &str, stored: &str) -> bool {
        let Ok(phc) = PasswordHash::new(stored) else {
            return false;
        };
        let (Some(expected), Some(salt)) = (phc.hash, phc.salt) else {
            return false;
        };
        let (Ok(algorithm), Ok(params)) =
            (Algorithm::try_from(phc.algorithm), Params::try_from(&phc))
        else {
            return false;
        };
        let version = phc
            .version
            .and_then(|v| Version::try_from(v).ok())
            .unwrap_or_default();
        let mut salt_bytes = [0u8; 64];
        let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
            return false;
        };
        let mut out = vec![0u8; expected.len()];
        let argon2 = Argon2::new(algorithm, version, params.clone());
        // Hashes made with other parameters need memory of another size.
        let computed = if params.block_count() == Params::DEFAULT.block_count() {
            argon2.hash_password_into_with_memory(
                password.as_bytes(),
                salt_bytes,
                &mut out,
                self.memory(),
            )
        } else {
            argon2.hash_password_into(password.as_bytes(), salt_bytes, &mut out)
        };
        // `Output`'s equality is constant-time.
        computed.is_ok() && Output::new(&out).is_ok_and(|out| out == expected)
    }
}

/// Measured with the sign-up flood: at niceness 10 alone, page loads during the flood
/// had a p99 of 2.6–5.4 × their idle p99 (a waking request thread waited for the hashing
/// thread's slice to end); `SCHED_IDLE` threads are preempted at once.
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: with pid 0 both calls change only the calling thread's scheduling.
    unsafe {
        let param = libc::sched_param { sched_priority: 0 };
        if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) != 0 {
            libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::PasswordVerifier;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = PasswordHasher::new(1).unwrap();
        let hash = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher
            .verify("correct horse battery".into(), hash.clone())
            .await
            .unwrap());
        assert!(!hasher
            .verify("correct horse batterY".into(), hash)
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn hashes_are_standard_phc_strings_both_ways() {
        let hasher = PasswordHasher::new(1).unwrap();
        // Ours verifies with the argon2 crate's own verifier…
        let ours = hasher.hash("correct horse battery".into()).await.unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(b"correct horse battery", &parsed)
            .is_ok());
        // …and a hash the crate made, with other parameters too, verifies with ours.
        let salt = SaltString::generate(&mut OsRng);
        let theirs = argon2::PasswordHasher::hash_password(
            &Argon2::new(
                Algorithm::Argon2id,
                Version::V0x13,
                Params::new(8192, 1, 1, None).unwrap(),
            ),
            b"another password",
            &salt,
        )
        .unwrap()
        .to_string();
        assert!(hasher
            .verify("another password".into(), theirs.clone())
            .await
            .unwrap());
        assert!(!hasher.verify("not it".into(), theirs).await.unwrap());
    }

    #[tokio::test]
    async fn a_malformed_stored_hash_matches_nothing() {
        let hasher = PasswordHasher::new(1).unwrap();
        assert!(!hasher
            .verify("x".into(), "not a hash".into())
            .await
            .unwrap());
        assert!(!hasher.verify_decoy("anything".into()).await.unwrap());
    }

    #[tokio::test]
    async fn an_idle_hasher_holds_no_argon2_block() {
        let hasher = PasswordHasher::new(2).unwrap();
        for round in 0..5 {
            hash_all_at_once(&hasher, 5).await;
            // The thread that finished last gives its block back right after replying.
            let mut held = hasher.blocks_held();
            for _ in 0..100 {
                if held == 0 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                held = hasher.blocks_held();
            }
            assert_eq!(held, 0, "blocks held after round {round}");
        }
    }

    #[tokio::test]
    async fn many_concurrent_hashes_all_complete_through_the_queue() {
        let hasher = PasswordHasher::new(2).unwrap();
        hash_all_at_once(&hasher, 8).await;
    }

    /// Submits `count` hashes at once and checks that each one completes.
    async fn hash_all_at_once(hasher: &PasswordHasher, count: usize) {
        let tasks: Vec<_> = (0..count)
            .map(|i| {
                let hasher = hasher.clone();
                tokio::spawn(async move { hasher.hash(format!("password number {i}")).await })
            })
            .collect();
        for task in tasks {
            assert!(task.await.unwrap().is_ok());
        }
    }
}
