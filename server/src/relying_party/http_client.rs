//! openidconnect's HTTP client, built on [`crate::outbound::Outbound`] rather than a
//! second HTTP stack: a provider's discovery document, keys and token endpoint are reached
//! only at checked addresses (`OUTBOUND_ALLOW_RANGES`), with the outbound timeout, and no
//! redirect is followed (a 3xx comes back as the answer, which openidconnect refuses as
//! not 200). At most [`ANSWER_LIMIT`] of an answer is read.
use std::future::Future;
use std::pin::Pin;

use openidconnect::{AsyncHttpClient, HttpRequest, HttpResponse};

use crate::outbound::{read_limited, Outbound, OutboundError};

/// The most of a provider's answer that is read: discovery documents, key sets and token
/// answers are a few KiB.
pub const ANSWER_LIMIT: usize = 256 * 1024;

#[derive(Clone)]
pub struct ProviderHttp {
    outbound: Outbound,
}

impl ProviderHttp {
    pub fn new(outbound: Outbound) -> Self {
        ProviderHttp { outbound }
    }

    pub fn outbound(&self) -> &Outbound {
        &self.outbound
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, OutboundError> {
        let request = reqwest::Request::try_from(request)
            .map_err(|_| OutboundError::Failed("the request could not be built".into()))?;
        let response = self.outbound.send(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = read_limited(response, ANSWER_LIMIT).await?;
        let mut answer = HttpResponse::new(body);
        *answer.status_mut() = status;
        *answer.headers_mut() = headers;
        Ok(answer)
    }
}

impl<'c> AsyncHttpClient<'c> for ProviderHttp {
    type Error = OutboundError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, OutboundError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}
