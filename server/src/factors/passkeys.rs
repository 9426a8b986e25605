//! Passkeys (WebAuthn), with webauthn-rs: the relying party is this site (the host of
//! `PUBLIC_URL`). A ceremony's state stays on the server, in the session store; the
//! browser gets only the options to pass to `navigator.credentials`, as JSON, and sends
//! back the credential, as JSON. Every passkey requires user verification (a PIN or a
//! fingerprint on the device), so a log-in with one is a full log-in with two factors.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use webauthn_rs::prelude::{
    AuthenticationResult, DiscoverableAuthentication, Passkey, PasskeyAuthentication,
    PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Url, Uuid, Webauthn,
    WebauthnBuilder,
};

/// This site as a relying party.
#[derive(Clone)]
pub struct Passkeys {
    webauthn: std::sync::Arc<Webauthn>,
}

/// Why a ceremony failed, as the page says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasskeyProblem {
    #[error("The passkey's answer could not be read. Try again.")]
    Malformed,
    #[error("The passkey could not be checked. Try again, or use another way to log in.")]
    Refused,
    #[error("This passkey is not known here. Use another one, or log in with your password.")]
    Unknown,
    #[error("This took too long or was started elsewhere. Try again.")]
    NoCeremony,
}

impl Passkeys {
    /// The relying party for the site at `public_url`. Passkeys need a domain name: an IP
    /// address (`http://127.0.0.1:3000`) cannot be a relying party, so then
    /// there are none (say so; `localhost` works for development).
    pub fn for_site(public_url: &str) -> Result<Self, String> {
        let origin = Url::parse(public_url).map_err(|e| e.to_string())?;
        let host = origin
            .domain()
            .ok_or("passkeys need PUBLIC_URL with a domain name, not an IP address (try http://localhost:PORT)")?
            .to_owned();
        let webauthn = WebauthnBuilder::new(&host, &origin)
            .and_then(|builder| builder.rp_name("Portico").build())
            .map_err(|e| e.to_string())?;
        Ok(Self {
            webauthn: std::sync::Arc::new(webauthn),
        })
    }

    /// Starts adding a passkey for a person (`handle` is theirs in every passkey),
    /// leaving out the devices that hold one already.
    pub fn start_registration(
        &self,
        handle: Uuid,
        account: &str,
        display_name: &str,
        existing: &[Passkey],
    ) -> Result<(String, PasskeyRegistration), PasskeyProblem> {
        let exclude = existing.iter().map(|p| p.cred_id().clone()).collect();
        let (options, state) = self
            .webauthn
            .start_passkey_registration(handle, account, display_name, Some(exclude))
            .map_err(|_| PasskeyProblem::Refused)?;
        let mut options = serde_json::to_value(options).map_err(|_| PasskeyProblem::Refused)?;
        // Ask the device to keep the passkey (a discoverable credential), so that "Log in
        // with a passkey" needs no address; webauthn-rs asks for "discouraged", and does
        // not check this hint when the passkey comes back.
        options["publicKey"]["authenticatorSelection"]["residentKey"] = "preferred".into();
        Ok((options.to_string(), state))
    }

    pub fn finish_registration(
        &self,
        credential: &str,
        state: &PasskeyRegistration,
    ) -> Result<Passkey, PasskeyProblem> {
        let credential: RegisterPublicKeyCredential =
            serde_json::from_str(credential).map_err(|_| PasskeyProblem::Malformed)?;
        self.webauthn
            .finish_passkey_registration(&credential, state)
            .map_err(|_| PasskeyProblem::Refused)
    }

    /// Starts a log-in with one of these passkeys (a second factor after a password).
    pub fn start_authentication(
        &self,
        passkeys: &[Passkey],
    ) -> Result<(String, PasskeyAuthentication), PasskeyProblem> {
        let (options, state) = self
            .webauthn
            .start_passkey_authentication(passkeys)
            .map_err(|_| PasskeyProblem::Refused)?;
        let options = serde_json::to_string(&options).map_err(|_| PasskeyProblem::Refused)?;
        Ok((options, state))
    }

    pub fn finish_authentication(
        &self,
        credential: &PublicKeyCredential,
        state: &PasskeyAuthentication,
    ) -> Result<AuthenticationResult, PasskeyProblem> {
        self.webauthn
            .finish_passkey_authentication(credential, state)
            .map_err(|_| PasskeyProblem::Refused)
    }

    /// Starts "Log in with a passkey": the browser offers the person's passkeys for this
    /// site, whoever they are.
    pub fn start_discoverable(
        &self,
    ) -> Result<(String, DiscoverableAuthentication), PasskeyProblem> {
        let (options, state) = self
            .webauthn
            .start_discoverable_authentication()
            .map_err(|_| PasskeyProblem::Refused)?;
        let options = serde_json::to_string(&options).map_err(|_| PasskeyProblem::Refused)?;
        Ok((options, state))
    }

    /// Whose passkey answered (their handle) and which one it is (its id, base64url).
    pub fn identify(
        &self,
        credential: &PublicKeyCredential,
    ) -> Result<(Uuid, String), PasskeyProblem> {
        let (handle, id) = self
            .webauthn
            .identify_discoverable_authentication(credential)
            .map_err(|_| PasskeyProblem::Unknown)?;
        Ok((handle, encode_credential_id(id)))
    }

    pub fn finish_discoverable(
        &self,
        credential: &PublicKeyCredential,
        state: DiscoverableAuthentication,
        passkey: &Passkey,
    ) -> Result<AuthenticationResult, PasskeyProblem> {
        self.webauthn
            .finish_discoverable_authentication_v2(credential, state, passkey)
            .map_err(|_| PasskeyProblem::Refused)
    }
}

/// A credential as the browser sent it (an assertion), if it can be read.
pub fn read_assertion(credential: &str) -> Result<PublicKeyCredential, PasskeyProblem> {
    serde_json::from_str(credential).map_err(|_| PasskeyProblem::Malformed)
}

/// A passkey's id as browsers write it (base64url): how it is stored and found.
pub fn credential_id(passkey: &Passkey) -> String {
    encode_credential_id(passkey.cred_id())
}

/// A credential id's bytes as they are stored and found (base64url).
pub fn encode_credential_id(id: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_can_be_the_relying_party_and_an_ip_address_cannot() {
        assert!(Passkeys::for_site("http://localhost:3100").is_ok());
        assert!(Passkeys::for_site("https://portal.example.com").is_ok());
        let refused = Passkeys::for_site("http://127.0.0.1:3000").err().unwrap();
        assert!(refused.contains("localhost"), "{refused}");
    }

    #[test]
    fn registration_asks_the_device_to_keep_the_passkey_and_requires_verification() {
        let site = Passkeys::for_site("http://localhost:3100").unwrap();
        let (options, _) = site
            .start_registration(Uuid::new_v4(), "ada@example.com", "Ada Lovelace", &[])
            .unwrap();
        let options: serde_json::Value = serde_json::from_str(&options).unwrap();
        let selection = &options["publicKey"]["authenticatorSelection"];
        assert_eq!(selection["residentKey"], "preferred");
        assert_eq!(selection["userVerification"], "required");
        assert_eq!(options["publicKey"]["rp"]["id"], "localhost");
    }

    #[test]
    fn a_malformed_answer_is_refused_with_a_message() {
        let site = Passkeys::for_site("http://localhost:3100").unwrap();
        let (_, state) = site
            .start_registration(Uuid::new_v4(), "ada@example.com", "Ada", &[])
            .unwrap();
        for junk in [
            "",
            "{}",
            "not json",
            r#"{"id":"x","rawId":"y","type":"public-key"}"#,
        ] {
            assert_eq!(
                site.finish_registration(junk, &state).err(),
                Some(PasskeyProblem::Malformed),
                "{junk:?}"
            );
        }
        assert_eq!(read_assertion("[]").err(), Some(PasskeyProblem::Malformed));
    }
}
