//! How a long background job (an association's import) shares the
//! machine with people's requests: it works in batches, each in a
//! transaction of its own, and after each rests in proportion to the time
//! the batch took. At a duty of one third it uses at most a third of a
//! core and never holds the database for long stretches, so the pages of
//! every other association stay quick while it runs (`cargo xtask bench`
//! measures it: at one half, on two cores, the registry of another
//! association slowed by a quarter).

use std::time::Duration;

/// A background job's share of the time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pacing {
    duty: f64,
}

impl Pacing {
    /// Working this share of the time (clamped to 5%–100%).
    pub fn new(duty: f64) -> Self {
        Self {
            duty: duty.clamp(0.05, 1.0),
        }
    }

    /// What imports use: a third of the time.
    pub fn background() -> Self {
        Self::new(1.0 / 3.0)
    }

    /// How long to rest after a batch that took `worked`.
    pub fn rest_after(&self, worked: Duration) -> Duration {
        worked.mul_f64((1.0 - self.duty) / self.duty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_rests_in_proportion_to_its_work() {
        let second = Duration::from_secs(1);
        assert_eq!(Pacing::new(0.5).rest_after(second), second);
        let rest = Pacing::background().rest_after(second).as_secs_f64();
        assert!((rest - 2.0).abs() < 1e-9, "{rest}");
        assert_eq!(Pacing::new(1.0).rest_after(second), Duration::ZERO);
        assert_eq!(Pacing::new(0.25).rest_after(second), second * 3);
        // Never all rest and no work.
        assert_eq!(Pacing::new(0.0).rest_after(second), second * 19);
    }
}
