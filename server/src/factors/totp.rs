//! Authenticator apps (RFC 6238 time-based codes, with totp-rs): a secret of 160 random
//! bits, shown as a QR code (SVG, drawn on the server) and as text; codes of 6 digits
//! for 30-second steps, accepted one step early or late; each step's code accepted once.
use rand::RngCore;
use totp_rs::{Builder, Secret, Totp};

/// What the app shows as the account's issuer.
pub const ISSUER: &str = "Portico";

/// A new secret, base32 as apps take it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes.to_vec()).to_base32()
}

fn totp(secret: &str, account: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret).ok()?;
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        // The app's label; a ':' would split it, so it is left out.
        .with_account_name(account.replace(':', " "))
        .build()
        .ok()
}

/// The `otpauth://` address the QR code carries.
pub fn setup_url(secret: &str, account: &str) -> Option<String> {
    totp(secret, account)?.to_url().ok()
}

/// The QR code of the setup address, as an SVG element to put in the page.
pub fn qr_svg(url: &str) -> Option<String> {
    let code =
        qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    // An element for the page, not a document: without its XML declaration.
    Some(match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    })
}

/// The time step of `code` if it is right at `unix_time` (one step early or late
/// allowed) and newer than `last_step`, the last step accepted: each code works once.
pub fn accepted_step(
    secret: &str,
    code: &str,
    unix_time: u64,
    last_step: Option<i64>,
) -> Option<i64> {
    let step = totp(secret, "-")?.check(code, unix_time)? as i64;
    last_step.is_none_or(|last| step > last).then_some(step)
}

/// The code for `unix_time` (for tests, which play the part of the app).
pub fn code_at(secret: &str, unix_time: u64) -> Option<String> {
    Some(totp(secret, "-")?.generate(unix_time).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: u64 = 1_764_000_000;

    #[test]
    fn a_code_is_accepted_in_its_step_and_the_next_and_previous_only() {
        let secret = new_secret();
        let code = code_at(&secret, T).unwrap();
        assert_eq!(code.len(), 6);
        assert!(accepted_step(&secret, &code, T, None).is_some());
        assert!(
            accepted_step(&secret, &code, T + 30, None).is_some(),
            "a step late"
        );
        assert!(
            accepted_step(&secret, &code, T - 30, None).is_some(),
            "a step early"
        );
        assert!(
            accepted_step(&secret, &code, T + 90, None).is_none(),
            "three steps late"
        );
    }

    #[test]
    fn a_code_is_accepted_once() {
        let secret = new_secret();
        let code = code_at(&secret, T).unwrap();
        let step = accepted_step(&secret, &code, T, None).unwrap();
        assert_eq!(
            accepted_step(&secret, &code, T + 5, Some(step)),
            None,
            "replayed"
        );
        let next = code_at(&secret, T + 30).unwrap();
        assert!(accepted_step(&secret, &next, T + 30, Some(step)).is_some());
    }

    #[test]
    fn codes_of_the_wrong_shape_are_refused() {
        let secret = new_secret();
        for code in ["", "12345", "1234567", "12a456", "+12345", " 123456"] {
            assert_eq!(accepted_step(&secret, code, T, None), None, "{code:?}");
        }
        assert_eq!(accepted_step("not base32!", "123456", T, None), None);
    }

    #[test]
    fn the_setup_address_names_the_issuer_and_the_account_and_draws_as_svg() {
        let secret = new_secret();
        let url = setup_url(&secret, "ada@example.com").unwrap();
        assert!(
            url.starts_with("otpauth://totp/Portico:ada%40example.com?"),
            "{url}"
        );
        assert!(url.contains(&format!("secret={secret}")));
        let svg = qr_svg(&url).unwrap();
        assert!(svg.starts_with("<svg"));
    }
}
