//! The language the work at hand is said in: a request's (chosen by
//! `http::language`), carried into the blocking pool by `Db::run`, so a text
//! made deep inside a transaction speaks the request's language. Outside both
//! it is English; background work (mail) names its language itself.

use endorse_shared::i18n::Lang;
use std::cell::Cell;

#[derive(Clone, Copy, Default)]
pub(crate) struct Choice {
    pub(crate) saved: Option<Lang>,
    pub(crate) asked: Option<Lang>,
    pub(crate) association: Option<Lang>,
}

impl Choice {
    fn lang(self) -> Lang {
        self.saved
            .or(self.asked)
            .or(self.association)
            .unwrap_or_default()
    }
}

tokio::task_local! {
    pub(crate) static CHOICE: Cell<Choice>;
}

thread_local! {
    static BLOCKING: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language of the work at hand.
pub fn current() -> Lang {
    CHOICE
        .try_with(|c| c.get().lang())
        .ok()
        .or_else(|| BLOCKING.with(Cell::get))
        .unwrap_or_default()
}

/// Runs `work` (on a blocking thread) in `lang`; the thread's language is
/// restored afterwards, even when `work` panics (pool threads are reused).
pub fn within<T>(lang: Lang, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            BLOCKING.with(|b| b.set(self.0));
        }
    }
    let _restore = Restore(BLOCKING.with(|b| b.replace(Some(lang))));
    work()
}

/// The person's saved choice, once they are known; none leaves the rest of
/// the order to decide.
pub fn saved(lang: Option<Lang>) {
    let _ = CHOICE.try_with(|c| {
        c.set(Choice {
            saved: lang,
            ..c.get()
        })
    });
}

/// The association's own language, once the association is known.
pub fn association(lang: Option<Lang>) {
    let _ = CHOICE.try_with(|c| {
        c.set(Choice {
            association: lang,
            ..c.get()
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocking_thread_speaks_the_work_at_hands_language_and_forgets_it_after() {
        assert_eq!(current(), Lang::En);
        assert_eq!(within(Lang::Es, current), Lang::Es);
        assert_eq!(current(), Lang::En);
        let panicked = std::panic::catch_unwind(|| within(Lang::Es, || panic!("a job fails")));
        assert!(panicked.is_err());
        assert_eq!(current(), Lang::En);
    }
}
