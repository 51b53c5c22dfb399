//! Who sent a request: the socket peer, or the address a trusted reverse
//! proxy forwarded for. Nobody else's `X-Forwarded-For` is believed.

use crate::state::AppState;
use actix_web::{web, HttpRequest};

/// The client's address: the socket peer, or, behind a reverse proxy named
/// in `ENDORSE_TRUSTED_PROXIES`, the address that proxy forwarded for. Nobody
/// else's `X-Forwarded-For` is believed: it is the client's to forge.
fn client_addr(request: &HttpRequest) -> Option<std::net::IpAddr> {
    let peer = request.peer_addr().map(|addr| addr.ip());
    let Some(state) = request.app_data::<web::Data<AppState>>() else {
        return peer;
    };
    let forwarded = request
        .headers()
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok());
    state.settings.trusted_proxies.client(peer, forwarded)
}

/// The client's address as a rate-limit key.
pub fn client_ip(request: &HttpRequest) -> String {
    client_addr(request).map_or_else(|| "ip:unknown".to_string(), |ip| format!("ip:{ip}"))
}

/// The client's IP address, kept with sessions and reference answers so
/// reviewers can spot a referee answering from the applicant's address.
pub fn peer_ip(request: &HttpRequest) -> Option<String> {
    client_addr(request).map(|ip| ip.to_string())
}

/// Who acts in `request`: the signed-in `user`, from the client's address.
pub fn by(user: &crate::db::users::User, request: &HttpRequest) -> crate::db::association_log::By {
    crate::db::association_log::By {
        id: user.id.to_string(),
        name: user.name.clone(),
        ip: peer_ip(request),
    }
}
