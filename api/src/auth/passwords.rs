//! Password hashing with argon2id (the crate's defaults: OWASP's recommended
//! memory and time cost). Hashing is slow on purpose: call these only from the
//! blocking pool.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use endorse_shared::i18n::Text;
use std::sync::LazyLock;

/// Hashes a password into a PHC string (`$argon2id$...`).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks a password against a stored PHC string. A malformed hash (an
/// account not claimed yet, or erased) never matches, and takes as long to
/// say so as a wrong password: timing does not tell such accounts apart.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => verify_decoy(password),
    }
}

/// A hash of nothing anyone knows: verifying against it when an e-mail is unknown
/// makes that answer take as long as a wrong password, so timing reveals nothing.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    hash("decoy password that no account has").unwrap_or_else(|_| String::from("$argon2id$invalid"))
});

/// Spends the time of one verification and fails.
pub fn verify_decoy(password: &str) -> bool {
    let _ = verify(password, &DECOY_HASH);
    false
}

/// Why a new password is refused as too easy to guess, if it is: common
/// passwords, names, dates, keyboard walks and words of the person's own
/// e-mail address and name (zxcvbn's estimate below "safely unguessable").
/// The length rules are checked before, by the request's validation.
pub fn weakness(password: &str, personal: &[&str]) -> Option<Text> {
    // Each personal input, its words, and its words run together
    // ("Ada Lovelace" → ada, lovelace, adalovelace).
    let mut words: Vec<String> = Vec::new();
    for input in personal {
        let lower = input.to_lowercase();
        let parts: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| p.len() > 1)
            .collect();
        words.push(parts.concat());
        words.extend(parts.iter().map(|p| (*p).to_string()));
        words.push(lower.clone());
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let entropy = zxcvbn::zxcvbn(password, &words);
    if entropy.score() >= zxcvbn::Score::Three {
        return None;
    }
    let mut parts = vec![Text::new("password-too-easy")];
    if let Some(feedback) = entropy.feedback() {
        if let Some(warning) = feedback.warning() {
            parts.push(warning_text(warning));
        }
        if let Some(suggestion) = feedback.suggestions().first() {
            parts.push(suggestion_text(*suggestion));
        }
    }
    parts.push(Text::new("password-passphrase"));
    Some(Text::sentences(parts))
}

fn warning_text(warning: zxcvbn::feedback::Warning) -> Text {
    use zxcvbn::feedback::Warning as W;
    Text::new(match warning {
        W::StraightRowsOfKeysAreEasyToGuess => "password-warning-rows",
        W::ShortKeyboardPatternsAreEasyToGuess => "password-warning-keyboard",
        W::RepeatsLikeAaaAreEasyToGuess => "password-warning-repeats",
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "password-warning-repeated-groups",
        W::ThisIsATop10Password => "password-warning-top10",
        W::ThisIsATop100Password => "password-warning-top100",
        W::ThisIsACommonPassword => "password-warning-common",
        W::ThisIsSimilarToACommonlyUsedPassword => "password-warning-similar",
        W::SequencesLikeAbcAreEasyToGuess => "password-warning-sequences",
        W::RecentYearsAreEasyToGuess => "password-warning-recent-years",
        W::AWordByItselfIsEasyToGuess => "password-warning-one-word",
        W::DatesAreOftenEasyToGuess => "password-warning-dates",
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => "password-warning-names",
        W::CommonNamesAndSurnamesAreEasyToGuess => "password-warning-common-names",
    })
}

fn suggestion_text(suggestion: zxcvbn::feedback::Suggestion) -> Text {
    use zxcvbn::feedback::Suggestion as S;
    Text::new(match suggestion {
        S::UseAFewWordsAvoidCommonPhrases => "password-hint-few-words",
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => "password-hint-no-symbols",
        S::AddAnotherWordOrTwo => "password-hint-another-word",
        S::CapitalizationDoesntHelpVeryMuch => "password-hint-capitals",
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "password-hint-uppercase",
        S::ReversedWordsArentMuchHarderToGuess => "password-hint-reversed",
        S::PredictableSubstitutionsDontHelpVeryMuch => "password-hint-substitutions",
        S::UseALongerKeyboardPatternWithMoreTurns => "password-hint-keyboard",
        S::AvoidRepeatedWordsAndCharacters => "password-hint-repeats",
        S::AvoidSequences => "password-hint-sequences",
        S::AvoidRecentYears => "password-hint-recent-years",
        S::AvoidYearsThatAreAssociatedWithYou => "password-hint-your-years",
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => "password-hint-your-dates",
    })
}

/// Why a new password was not hashed.
#[derive(Debug)]
pub enum NewPasswordError {
    /// It is too easy to guess; the words say why (for a 422).
    Weak(Text),
    /// Hashing failed (a 500).
    Hashing(argon2::password_hash::Error),
}

/// Checks a new password's strength against the person's own words, then
/// hashes it. Both are slow: call it from the blocking pool.
pub fn hash_new(password: &str, personal: &[&str]) -> Result<String, NewPasswordError> {
    if let Some(why) = weakness(password, personal) {
        return Err(NewPasswordError::Weak(why));
    }
    hash(password).map_err(NewPasswordError::Hashing)
}

/// `hash_new` on the blocking pool, as a handler answers it: a weak password
/// is a 422 on `field`.
pub async fn hash_new_for(
    field: &'static str,
    password: String,
    personal: Vec<String>,
) -> Result<String, crate::error::ApiError> {
    use crate::error::ApiError;
    actix_web::web::block(move || {
        let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
        hash_new(&password, &personal)
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?
    .map_err(|error| match error {
        NewPasswordError::Weak(why) => ApiError::field(field, why),
        NewPasswordError::Hashing(error) => {
            ApiError::Internal(format!("password hashing failed: {error}"))
        }
    })
}

/// Checks that `password` is `user`'s own (read, then verified on the
/// blocking pool); a wrong one is a 422 on `field`.
pub async fn require_current(
    db: &crate::db::Db,
    user: endorse_shared::UserId,
    password: String,
    field: &'static str,
) -> Result<(), crate::error::ApiError> {
    use crate::error::ApiError;
    let stored = db
        .run(move |conn| crate::db::users::password_hash(conn, user))
        .await?;
    let verified = actix_web::web::block(move || verify(&password, &stored))
        .await
        .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?;
    if verified {
        Ok(())
    } else {
        Err(ApiError::field(
            field,
            Text::new("err-not-your-current-password"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_personal_passwords_are_refused() {
        for weak in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "adalovelace1815",
        ] {
            assert!(
                weakness(weak, &["ada@example.org", "Ada Lovelace"]).is_some(),
                "{weak}"
            );
        }
        for strong in [
            "correct horse battery staple",
            "a brand new passphrase 2026",
            "violet tractor under moonlight",
        ] {
            assert_eq!(
                weakness(strong, &["ada@example.org", "Ada"]),
                None,
                "{strong}"
            );
        }
    }

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let stored = hash("correct horse battery staple").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", &stored));
        assert!(!verify("correct horse battery stapler", &stored));
        assert!(!verify("anything", "not a hash"));
        assert!(!verify_decoy("decoy password that no account has"));
    }
}
