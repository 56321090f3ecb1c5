//! Normalisation: from the pieces the recogniser found to a value in units.
//! Pure functions of their arguments; no lexicon lookups, no text scanning.

use crate::rules::{NumberFormat, NumberWord, WordRole};

/// A number written in digits, read as an integer mantissa and a count of
/// decimals, so that `20,9` x `10^6` is exactly 20 900 000.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DigitNumber {
    pub mantissa: u64,
    pub decimals: u32,
    /// Written without any separator ("2025", not "2.025"): a possible year.
    pub plain: bool,
}

impl DigitNumber {
    /// Four plain digits between 1900 and 2100.
    pub(crate) fn looks_like_year(&self) -> bool {
        self.plain && self.decimals == 0 && (1900..=2100).contains(&self.mantissa)
    }
}

/// Reads a digit token such as `1,250,000`, `20,9`, `1.500` or `1 500`.
///
/// A separator that occurs more than once, or before a different final one,
/// groups thousands and must be followed by exactly three digits. A lone
/// separator is a decimal mark when it is the language's decimal mark or when
/// the digits after it are not exactly three (an unambiguous shape wins over
/// the convention); otherwise it groups thousands. `None` for shapes that are
/// no number (`16.03.2023`).
pub(crate) fn read_digits(token: &str, format: &NumberFormat) -> Option<DigitNumber> {
    // Groups of digits and the separator written before each (none for the first).
    let mut groups: Vec<(Option<char>, &str)> = Vec::with_capacity(4);
    let mut rest = token;
    let mut separator = None;
    while !rest.is_empty() {
        let digits_len = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits_len == 0 {
            return None;
        }
        groups.push((separator, &rest[..digits_len]));
        rest = &rest[digits_len..];
        let mut chars = rest.chars();
        match chars.next() {
            None => break,
            Some(c) => {
                // Any horizontal space counts as one kind of separator.
                separator = Some(if crate::lexicon::is_hspace(c) { ' ' } else { c });
                rest = chars.as_str();
            }
        }
    }
    let (_, first) = *groups.first()?;
    if groups.len() == 1 {
        return mantissa_of(first, "").map(|mantissa| DigitNumber { mantissa, decimals: 0, plain: true });
    }

    // Which separator (if any) is the decimal mark: only the last one can be.
    let last_index = groups.len() - 1;
    let (last_separator, last_digits) = groups[last_index];
    let last_separator = last_separator?;
    let same_before = groups[1..last_index].iter().any(|(s, _)| *s == Some(last_separator));
    let decimal_is_last = if last_separator == ' ' || same_before {
        false
    } else if groups.len() > 2 {
        // A different separator before the last one: the last is decimal.
        true
    } else if last_separator == format.decimal_mark {
        true
    } else {
        last_digits.len() != 3
    };

    let grouped_end = if decimal_is_last { last_index } else { groups.len() };
    if first.len() > 3 && grouped_end > 1 {
        return None;
    }
    let mut integer = String::with_capacity(token.len());
    integer.push_str(first);
    let mut grouping_separator = None;
    for &(separator, digits) in &groups[1..grouped_end] {
        if digits.len() != 3 || (grouping_separator.is_some() && grouping_separator != separator) {
            return None;
        }
        grouping_separator = separator;
        integer.push_str(digits);
    }
    let fraction = if decimal_is_last { last_digits } else { "" };
    let mantissa = mantissa_of(&integer, fraction)?;
    Some(DigitNumber { mantissa, decimals: fraction.len() as u32, plain: false })
}

fn mantissa_of(integer: &str, fraction: &str) -> Option<u64> {
    // 18 digits always fit a u64; longer figures are not news quantities.
    if integer.len() + fraction.len() > 18 {
        return None;
    }
    let mut value: u64 = 0;
    for b in integer.bytes().chain(fraction.bytes()) {
        value = value * 10 + u64::from(b - b'0');
    }
    Some(value)
}

/// The value of a digit number times a scale (`1.0` when there is none).
pub(crate) fn digit_value(number: DigitNumber, scale: f64) -> f64 {
    // Multiply before dividing: both steps are exact for figures in the news.
    number.mantissa as f64 * scale / 10f64.powi(number.decimals as i32)
}

/// Composes number words: "add" words are summed; a "times" word multiplies
/// the words since the previous "times" word when it is smaller than that one
/// ("hai trăm năm mươi" = 2 x 100 + 5 x 10), and everything so far when it is
/// larger ("one hundred" after nothing bigger).
pub(crate) fn words_value(words: &[NumberWord], scale: f64) -> f64 {
    let mut finished = 0.0;
    let mut current = 0.0;
    let mut last_multiplier = f64::INFINITY;
    for word in words {
        match word.role {
            WordRole::Add => current += word.value,
            WordRole::Times => {
                let factor = if current == 0.0 { 1.0 } else { current };
                if word.value < last_multiplier {
                    finished += factor * word.value;
                } else {
                    finished = (finished + factor) * word.value;
                }
                current = 0.0;
                last_multiplier = word.value;
            }
        }
    }
    (finished + current) * scale
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: NumberFormat = NumberFormat { decimal_mark: '.', group_marks: [Some(','), None] };
    const VI: NumberFormat = NumberFormat { decimal_mark: ',', group_marks: [Some('.'), None] };
    const RU: NumberFormat = NumberFormat { decimal_mark: ',', group_marks: [Some(' '), None] };

    fn value(token: &str, format: &NumberFormat) -> Option<f64> {
        read_digits(token, format).map(|n| digit_value(n, 1.0))
    }

    #[test]
    fn separators_follow_the_language_unless_the_shape_decides() {
        assert_eq!(value("1,250,000", &EN), Some(1_250_000.0));
        assert_eq!(value("1,500", &EN), Some(1500.0));
        assert_eq!(value("43.3", &EN), Some(43.3));
        assert_eq!(value("25,3", &EN), Some(25.3));
        assert_eq!(value("1,250.75", &EN), Some(1250.75));
        assert_eq!(value("20,9", &VI), Some(20.9));
        assert_eq!(value("1.500", &VI), Some(1500.0));
        assert_eq!(value("1.5", &VI), Some(1.5));
        assert_eq!(value("1.500.000", &VI), Some(1_500_000.0));
        assert_eq!(value("1.250,5", &VI), Some(1250.5));
        assert_eq!(value("1,5", &RU), Some(1.5));
        assert_eq!(value("1 500 000", &RU), Some(1_500_000.0));
        assert_eq!(value("1.500", &RU), Some(1500.0));
        assert_eq!(value("64,5", &RU), Some(64.5));
    }

    #[test]
    fn shapes_that_are_no_number_are_refused() {
        assert_eq!(value("16.03.2023", &EN), None);
        assert_eq!(value("1,25,000", &EN), None);
        assert_eq!(value("1234,567", &EN), None);
        assert_eq!(value("1.5.6", &VI), None);
        assert_eq!(value("12345678901234567890", &EN), None);
    }

    #[test]
    fn scaled_decimals_are_exact() {
        let n = read_digits("20,9", &VI).unwrap();
        assert_eq!(digit_value(n, 1e6), 20_900_000.0);
        let n = read_digits("3.2", &EN).unwrap();
        assert_eq!(digit_value(n, 1e12), 3.2e12);
    }

    #[test]
    fn number_words_compose() {
        let add = |value| NumberWord { value, role: WordRole::Add, can_start: true };
        let times = |value| NumberWord { value, role: WordRole::Times, can_start: true };
        assert_eq!(words_value(&[add(2.0), times(100.0), add(5.0), times(10.0)], 1.0), 250.0);
        assert_eq!(words_value(&[add(2.0), times(10.0), add(5.0)], 1.0), 25.0);
        assert_eq!(words_value(&[add(1.0), times(100.0), add(0.0), add(5.0)], 1.0), 105.0);
        assert_eq!(words_value(&[times(100.0)], 1.0), 100.0);
        assert_eq!(words_value(&[add(20.0), add(5.0)], 1000.0), 25000.0);
    }
}
