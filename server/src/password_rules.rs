//! What the server checks of a new password beyond the form's own rules (length, which
//! the browser checks too), in [`check`]: every place a password is chosen calls it.
//!
//! 1. Not one of the 100,000 most common passwords (NIST SP 800-63B, OWASP ASVS 6.2.4).
//!    The list ships with the server (`data/common-passwords.txt.br`, see
//!    `data/README.md`) and never reaches the browser. It holds passwords in many
//!    languages ("passwort", "motdepasse", "wachtwoord").
//! 2. Not such a password with digits and symbols around it ("Passwort2024!"): what
//!    attackers try right after the list, and what the estimate below, whose dictionaries
//!    are English, misses for other languages.
//! 3. A strength estimate (zxcvbn) of at least 3 of 4, fed with the person's name and
//!    address: it sees keyboard walks, sequences, repeats, dates, and names.
//!
//! Each refusal says what is wrong on the password field, in the person's language: the
//! estimate's warnings and suggestions are mapped to our own messages (its own are
//! English only).
use std::sync::LazyLock;

use app::forms::rules::PASSWORD_MIN_CHARS;
use app::forms::Message;
use zxcvbn::feedback::{Feedback, Suggestion, Warning};
use zxcvbn::{Entropy, Score};

/// The message (its key) for a password on the list.
pub const COMMON_PASSWORD: &str = "password-common";
/// The message for a listed password with a few changes (digits around it, say).
pub const LIKE_COMMON_PASSWORD: &str = "password-weak-like-common";
/// The message for a weak password made of the person's name or address.
pub const PERSONAL_PASSWORD: &str = "password-weak-personal";

/// How many characters of a password are estimated. zxcvbn's cost grows with the square
/// of the length, times the combinations of readings it tries (see [`few_readings`]):
/// measured on a release build, a crafted 100-character password took 1.3 s (the crate's
/// own cap is 100 characters), 64 characters 0.3 s, 32 characters 60 ms; with the
/// readings bounded, 32 crafted characters take under 10 ms and a real password about
/// 1 ms (each twice with German keys, see [`estimate`]). Estimating the beginning errs
/// only towards refusing: it cannot make a weak password look strong. Of 23,000
/// passphrases of 2 to 5 random English words that pass whole, all passed on their first
/// 32 characters (18 failed on their first 24).
pub const ESTIMATED_CHARS: usize = 32;

/// The score the estimate must reach (of 0 to 4): 3 is at least 10^8 guesses, "safely
/// unguessable" in zxcvbn's terms, as its authors advise for a threshold.
const ENOUGH: Score = Score::Three;

/// The shortest part of a password, without its digits and symbols, that is looked up.
const STEM_MIN_CHARS: usize = 4;

/// The product's name, a word anyone guessing a Portico password tries first.
const PRODUCT_NAME: &str = "portico";

/// Whether `password` may be chosen by the person whose `person` words (email address,
/// first and last name) are given; if not, the message for the password field.
///
/// The estimate costs about a millisecond, and up to some 15 ms for a crafted password:
/// callers run this where the request has passed its gate (a solved Security Code, the
/// current password, a working link), never on a request anyone can send for free.
pub fn check(password: &str, person: &[&str]) -> Result<(), Message> {
    let lowered = password.to_lowercase();
    if COMMON.contains(&lowered) {
        return Err(COMMON_PASSWORD.into());
    }
    let listed_stem = stem(&lowered).is_some_and(|stem| COMMON.contains(stem));
    let personal = personal_words(person);
    let estimated: String = password.chars().take(ESTIMATED_CHARS).collect();
    // A listed stem is refused anyway: no estimate needed.
    let estimate = (!listed_stem).then(|| {
        let inputs: Vec<&str> = personal.iter().map(String::as_str).collect();
        estimate(&estimated, &[&inputs[..], &[PRODUCT_NAME]].concat())
    });
    if estimate.as_ref().is_some_and(|e| e.score() >= ENOUGH) {
        return Ok(());
    }
    // The estimate gives no warning for a word of the person's own: say it here.
    let estimated = estimated.to_lowercase();
    if personal
        .iter()
        .any(|word| estimated.contains(word.as_str()))
    {
        return Err(PERSONAL_PASSWORD.into());
    }
    Err(match estimate {
        Some(estimate) => feedback_message(estimate.feedback()),
        None => LIKE_COMMON_PASSWORD,
    }
    .into())
}

/// zxcvbn's estimate, which knows keyboard walks on a US keyboard only: a password with
/// keys of a German one (ö ä ü ß) is also estimated as typed on the US keys in their
/// places ("ghjklöäyxcvb" is "ghjkl;'zxcvb"), and the weaker estimate counts. German
/// words and phrases tried so lost nothing by it (they are not walks either way).
fn estimate(password: &str, inputs: &[&str]) -> Entropy {
    let as_typed = zxcvbn::zxcvbn(&few_readings(password), inputs);
    if !password.contains(['ö', 'ä', 'ü', 'ß', 'Ö', 'Ä', 'Ü']) {
        return as_typed;
    }
    let on_us_keys: String = password
        .chars()
        .map(|c| match c {
            'ö' => ';',
            'ä' => '\'',
            'ü' => '[',
            'ß' => '-',
            'Ö' => ':',
            'Ä' => '"',
            'Ü' => '{',
            'z' => 'y',
            'y' => 'z',
            'Z' => 'Y',
            'Y' => 'Z',
            other => other,
        })
        .collect();
    let on_us_keys = zxcvbn::zxcvbn(&few_readings(&on_us_keys), inputs);
    if on_us_keys.guesses() < as_typed.guesses() {
        on_us_keys
    } else {
        as_typed
    }
}

/// The symbols zxcvbn reads as letters (@ as a, ( { [ < as c, ! | as i or l, $ as s, + as
/// t, % as x; digits too), each with a symbol it reads as none.
const READ_AS_LETTERS: [(char, char); 10] = [
    ('@', '#'),
    ('(', ')'),
    ('{', '}'),
    ('[', ']'),
    ('<', '>'),
    ('!', '?'),
    ('|', '/'),
    ('$', '&'),
    ('+', '='),
    ('%', '^'),
];

/// How many different symbols of [`READ_AS_LETTERS`] keep their reading in an estimate.
const READINGS_KEPT: usize = 3;

/// `password` with its fourth and later different symbols that zxcvbn reads as letters
/// replaced by symbols it reads as none. It tries every combination of readings, and
/// each kind of symbol multiplies them: 32 crafted characters took 60 ms with all ten
/// kinds, 8 ms with three (and all digits), 4 ms with two. Real passwords use one or
/// two ("p@$$w0rd"); digits keep theirs, for the dates and years they also are.
fn few_readings(password: &str) -> String {
    let mut kept: Vec<char> = Vec::new();
    password
        .chars()
        .map(
            |c| match READ_AS_LETTERS.iter().find(|(symbol, _)| *symbol == c) {
                Some(_) if kept.contains(&c) => c,
                Some(_) if kept.len() < READINGS_KEPT => {
                    kept.push(c);
                    c
                }
                Some((_, read_as_none)) => *read_as_none,
                None => c,
            },
        )
        .collect()
}

/// A password's middle without the digits, symbols and spaces around it ("passwort" of
/// "passwort2024!"), if something was around it and enough is left to look up.
fn stem(lowered: &str) -> Option<&str> {
    let stem = lowered.trim_matches(|c: char| !c.is_alphabetic());
    (stem.len() < lowered.len() && stem.chars().count() >= STEM_MIN_CHARS).then_some(stem)
}

/// The words of a person's name and address someone who knows them would try: each
/// whole, their parts ("ada", "lovelace" of "ada.lovelace@example.com", the address's
/// domain without its last label) and the names run together ("adalovelace",
/// "lovelaceada"), lower case, of 3 characters or more.
fn personal_words(person: &[&str]) -> Vec<String> {
    let person: Vec<String> = person.iter().map(|p| p.trim().to_lowercase()).collect();
    let (addresses, names): (Vec<&str>, Vec<&str>) = person
        .iter()
        .map(String::as_str)
        .partition(|input| input.contains('@'));
    let mut words: Vec<String> = Vec::new();
    let mut add = |word: &str| {
        if word.chars().count() >= 3 && !words.iter().any(|w| w == word) {
            words.push(word.to_owned());
        }
    };
    for address in addresses {
        let (local, domain) = address.split_once('@').unwrap_or((address, ""));
        let named = domain.rsplit_once('.').map_or(domain, |(name, _)| name);
        add(address);
        add(local);
        add(&local.replace(['.', '_', '-', '+'], ""));
        local.split(['.', '_', '-', '+']).for_each(&mut add);
        named.split('.').for_each(&mut add);
    }
    for name in &names {
        add(name);
        name.split([' ', '-']).for_each(&mut add);
    }
    add(&names.concat().replace([' ', '-'], ""));
    let reversed: Vec<&str> = names.iter().rev().copied().collect();
    add(&reversed.concat().replace([' ', '-'], ""));
    words
}

/// Our message for what the estimate found: its warning, else its most telling
/// suggestion (it always suggests adding a word first), else a general one.
fn feedback_message(feedback: Option<&Feedback>) -> &'static str {
    feedback
        .and_then(|feedback| {
            feedback.warning().map(warning_message).or_else(|| {
                feedback
                    .suggestions()
                    .iter()
                    .find_map(|s| suggestion_message(*s))
            })
        })
        .unwrap_or("password-weak")
}

fn warning_message(warning: Warning) -> &'static str {
    match warning {
        Warning::StraightRowsOfKeysAreEasyToGuess
        | Warning::ShortKeyboardPatternsAreEasyToGuess => "password-weak-keyboard",
        Warning::RepeatsLikeAaaAreEasyToGuess
        | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "password-weak-repeats",
        Warning::ThisIsATop10Password
        | Warning::ThisIsATop100Password
        | Warning::ThisIsACommonPassword => COMMON_PASSWORD,
        Warning::ThisIsSimilarToACommonlyUsedPassword => LIKE_COMMON_PASSWORD,
        Warning::SequencesLikeAbcAreEasyToGuess => "password-weak-sequence",
        Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess => {
            "password-weak-date"
        }
        Warning::AWordByItselfIsEasyToGuess => "password-weak-word",
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
        | Warning::CommonNamesAndSurnamesAreEasyToGuess => "password-weak-names",
    }
}

/// The general suggestions (use a few words, add one) are the general message's.
fn suggestion_message(suggestion: Suggestion) -> Option<&'static str> {
    match suggestion {
        Suggestion::CapitalizationDoesntHelpVeryMuch
        | Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => {
            Some("password-weak-capitals")
        }
        Suggestion::ReversedWordsArentMuchHarderToGuess => Some("password-weak-reversed"),
        Suggestion::PredictableSubstitutionsDontHelpVeryMuch => Some("password-weak-substitutions"),
        Suggestion::UseALongerKeyboardPatternWithMoreTurns => Some("password-weak-keyboard"),
        Suggestion::AvoidRepeatedWordsAndCharacters => Some("password-weak-repeats"),
        Suggestion::AvoidSequences => Some("password-weak-sequence"),
        Suggestion::AvoidRecentYears
        | Suggestion::AvoidYearsThatAreAssociatedWithYou
        | Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou => Some("password-weak-date"),
        Suggestion::UseAFewWordsAvoidCommonPhrases
        | Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters
        | Suggestion::AddAnotherWordOrTwo => None,
    }
}

/// The listed passwords a check can meet, lower case: those a password passing the
/// length rule could equal (of at least the minimum length, a few hundred), and those
/// that could be a password's stem (starting and ending with a letter, about 45,000).
/// Read from the compressed list on first use, not at start-up.
static COMMON: LazyLock<Words> = LazyLock::new(|| {
    let mut list = Vec::new();
    let compressed: &[u8] = include_bytes!("../data/common-passwords.txt.br");
    if let Err(error) = brotli_decompressor::BrotliDecompress(&mut &compressed[..], &mut list) {
        tracing::error!(%error, "the common-password list could not be read");
    }
    Words::new(
        String::from_utf8_lossy(&list)
            .lines()
            .map(str::to_lowercase)
            .filter(|password| {
                let length = password.chars().count();
                length >= PASSWORD_MIN_CHARS || length >= STEM_MIN_CHARS && stem_of_itself(password)
            })
            .collect(),
    )
});

fn stem_of_itself(password: &str) -> bool {
    password.starts_with(char::is_alphabetic) && password.ends_with(char::is_alphabetic)
}

/// A set of words held as one sorted text (about 0.5 MB for the list, against several MB as a
/// `HashSet<String>`), looked up by binary search.
struct Words {
    text: String,
    /// Where each word begins in `text`, and where the last one ends.
    bounds: Vec<u32>,
}

impl Words {
    fn new(mut words: Vec<String>) -> Self {
        words.sort_unstable();
        words.dedup();
        let mut text = String::new();
        let mut bounds = vec![0];
        for word in words {
            text.push_str(&word);
            // The list is under 1 MB: every offset fits.
            bounds.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        Self { text, bounds }
    }

    fn contains(&self, word: &str) -> bool {
        let count = self.bounds.len().saturating_sub(1);
        let word_at = |i: usize| &self.text[self.bounds[i] as usize..self.bounds[i + 1] as usize];
        let (mut low, mut high) = (0, count);
        while low < high {
            let middle = (low + high) / 2;
            match word_at(middle).cmp(word) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests;
