//! Settings checks whose messages name the offending field, shared so every
//! plugin words its errors the same way.

/// `value` must lie in `[lo, hi]`.
pub fn range(field: &str, value: f64, lo: f64, hi: f64) -> Result<(), String> {
    if value.is_nan() || value < lo || value > hi {
        return Err(format!("{field}: {value} is outside [{lo}, {hi}]"));
    }
    Ok(())
}

/// Integer `value` must lie in `[lo, hi]`.
pub fn range_u64(field: &str, value: u64, lo: u64, hi: u64) -> Result<(), String> {
    if value < lo || value > hi {
        return Err(format!("{field}: {value} is outside [{lo}, {hi}]"));
    }
    Ok(())
}

/// `lo` must be strictly below `hi`.
pub fn ordered(lo_field: &str, lo: f64, hi_field: &str, hi: f64) -> Result<(), String> {
    if lo >= hi {
        return Err(format!("{lo_field} ({lo}) must be below {hi_field} ({hi})"));
    }
    Ok(())
}

/// Each entry of a domain list must be a plausible lower-case domain.
pub fn domains(field: &str, list: &[String]) -> Result<(), String> {
    if list.len() > 1000 {
        return Err(format!("{field}: at most 1000 entries, got {}", list.len()));
    }
    for d in list {
        let ok = !d.is_empty()
            && d.len() <= 253
            && d.contains('.')
            && d.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        if !ok {
            return Err(format!(
                "{field}: {d:?} is not a lower-case domain like \"example.com\""
            ));
        }
    }
    Ok(())
}

/// One hour, one day and one week in milliseconds.
pub const HOUR_MS: u64 = 3_600_000;
pub const DAY_MS: u64 = 24 * HOUR_MS;
pub const WEEK_MS: u64 = 7 * DAY_MS;

/// A window for reasons: "7d", "24h" or "90m".
pub fn span(ms: u64) -> String {
    if ms.is_multiple_of(DAY_MS) && ms >= 2 * DAY_MS {
        format!("{}d", ms / DAY_MS)
    } else if ms.is_multiple_of(HOUR_MS) {
        format!("{}h", ms / HOUR_MS)
    } else {
        format!("{}m", ms / 60_000)
    }
}

/// A window must be between a minute and 30 days.
pub fn window(field: &str, ms: u64) -> Result<(), String> {
    range_u64(field, ms, 60_000, 30 * DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field() {
        assert!(
            range("weight", 1.5, 0.0, 1.0)
                .unwrap_err()
                .starts_with("weight:")
        );
        assert!(range("weight", f64::NAN, 0.0, 1.0).is_err());
        assert!(range("weight", 0.5, 0.0, 1.0).is_ok());
        assert!(
            ordered("lo", 5.0, "hi", 5.0)
                .unwrap_err()
                .contains("lo (5) must be below hi (5)")
        );
        assert!(
            window("window_ms", 10)
                .unwrap_err()
                .starts_with("window_ms:")
        );
        assert!(domains("free_mail", &["Gmail.com".into()]).is_err());
        assert!(domains("free_mail", &["mail.example".into()]).is_ok());
        assert_eq!(span(WEEK_MS), "7d");
        assert_eq!(span(DAY_MS), "24h");
        assert_eq!(span(90 * 60_000), "90m");
    }
}
