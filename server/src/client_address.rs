//! Who is on the other end. Behind a reverse proxy every connection comes from the proxy, so
//! the client's own address is taken from the header the proxies write — but only when the
//! connection comes from a proxy the operator trusts (`TRUSTED_PROXIES`); from anyone else the
//! header is a claim anybody can make, and the connection's peer is the client.
//!
//! The header lists one address per hop, the client first. It is read from the right, past
//! every trusted proxy, and the first address not trusted is the client's: whatever a client
//! writes into the header itself stands further left and is never reached.

use app::platform::request::ClientAddress;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

/// Which header the trusted proxies write the client's address to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1` (nginx, HAProxy, Traefik, most load balancers).
    #[default]
    XForwardedFor,
    /// `Forwarded: for=client, for=proxy1` (RFC 7239).
    Forwarded,
}

/// The proxies whose forwarding header is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    networks: Vec<IpNet>,
    header: ForwardedHeader,
}

/// A `TRUSTED_PROXIES` entry that is neither an address nor a network.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an IP address or a network like 10.0.0.0/8")]
pub struct ProxyListError(pub String);

impl TrustedProxies {
    /// The networks of a comma-separated list of addresses and CIDR networks (empty: trust no
    /// proxy), read from `header`.
    pub fn parse(list: &str, header: ForwardedHeader) -> Result<TrustedProxies, ProxyListError> {
        let networks = list
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                IpNet::from_str(entry)
                    .or_else(|_| IpAddr::from_str(entry).map(IpNet::from))
                    .map_err(|_| ProxyListError(entry.to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TrustedProxies { networks, header })
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.networks
            .iter()
            .any(|network| network.contains(&address))
    }

    /// The client's address, for a connection from `peer` carrying `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        for hop in self.hops(headers).into_iter().rev() {
            let Some(address) = hop else {
                // A hop the proxy could not name: the last one it could is as far as we know.
                break;
            };
            client = address;
            if !self.trusts(address) {
                break;
            }
        }
        client
    }

    /// Every address the header lists, first hop first; `None` for one that is not an address.
    fn hops(&self, headers: &HeaderMap) -> Vec<Option<IpAddr>> {
        let name = match self.header {
            ForwardedHeader::XForwardedFor => "x-forwarded-for",
            ForwardedHeader::Forwarded => "forwarded",
        };
        let elements = headers
            .get_all(name)
            .iter()
            .flat_map(|value| value.to_str().ok().unwrap_or("_").split(','))
            .map(str::trim);
        match self.header {
            ForwardedHeader::XForwardedFor => elements.map(parse_node).collect(),
            ForwardedHeader::Forwarded => elements
                .map(|element| {
                    element
                        .split(';')
                        .filter_map(|pair| pair.trim().split_once('='))
                        .find(|(key, _)| key.trim().eq_ignore_ascii_case("for"))
                        .and_then(|(_, node)| parse_node(node.trim().trim_matches('"')))
                })
                .collect(),
        }
    }
}

/// `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(address) = IpAddr::from_str(node) {
        return Some(canonical(address));
    }
    if let Ok(socket) = SocketAddr::from_str(node) {
        return Some(canonical(socket.ip()));
    }
    let inner = node.strip_prefix('[')?.split(']').next()?;
    IpAddr::from_str(inner).ok().map(canonical)
}

/// An IPv4 address seen through an IPv6 socket (`::ffff:192.0.2.1`) as the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        IpAddr::V4(_) => address,
    }
}

/// Puts the client's address into the request for the handlers (the audit trail, refusal
/// counts). Without a peer (a request not from a socket) there is none.
pub async fn resolve(
    State(proxies): State<TrustedProxies>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| peer.ip());
    if let Some(peer) = peer {
        let client = proxies.client(peer, request.headers());
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(name: &'static str, values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn a_header_from_an_untrusted_peer_is_ignored() {
        let proxies = TrustedProxies::parse("10.0.0.0/8", ForwardedHeader::XForwardedFor).unwrap();
        let spoofed = headers("x-forwarded-for", &["198.51.100.7"]);
        assert_eq!(
            proxies.client(ip("203.0.113.9"), &spoofed),
            ip("203.0.113.9")
        );
        let nobody = TrustedProxies::default();
        assert_eq!(nobody.client(ip("10.0.0.1"), &spoofed), ip("10.0.0.1"));
    }

    #[test]
    fn through_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() {
        let proxies =
            TrustedProxies::parse("10.0.0.0/8, 192.0.2.1", ForwardedHeader::XForwardedFor).unwrap();
        // The client claimed 1.2.3.4 itself; the proxies appended what they saw.
        let forwarded = headers("x-forwarded-for", &["1.2.3.4, 198.51.100.7", "192.0.2.1"]);
        assert_eq!(
            proxies.client(ip("10.1.1.1"), &forwarded),
            ip("198.51.100.7")
        );
        // Only proxies in the header: the first of them.
        let internal = headers("x-forwarded-for", &["10.2.2.2"]);
        assert_eq!(proxies.client(ip("10.1.1.1"), &internal), ip("10.2.2.2"));
        // No header at all: the proxy itself.
        assert_eq!(
            proxies.client(ip("10.1.1.1"), &HeaderMap::new()),
            ip("10.1.1.1")
        );
        // Garbage stops the walk at the last hop that could be read.
        let garbage = headers("x-forwarded-for", &["198.51.100.7, unknown, 10.3.3.3"]);
        assert_eq!(proxies.client(ip("10.1.1.1"), &garbage), ip("10.3.3.3"));
    }

    #[test]
    fn the_forwarded_header_is_read_when_configured() {
        let proxies = TrustedProxies::parse("::1, 127.0.0.1", ForwardedHeader::Forwarded).unwrap();
        let forwarded = headers(
            "forwarded",
            &[r#"for="[2001:db8:cafe::17]:4711";proto=https, for=127.0.0.1;by=127.0.0.1"#],
        );
        assert_eq!(
            proxies.client(ip("::1"), &forwarded),
            ip("2001:db8:cafe::17")
        );
        // The other header is a client's claim.
        let other = headers("x-forwarded-for", &["198.51.100.7"]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &other), ip("127.0.0.1"));
    }

    #[test]
    fn ipv4_seen_through_ipv6_counts_as_ipv4() {
        let proxies = TrustedProxies::parse("127.0.0.1", ForwardedHeader::XForwardedFor).unwrap();
        let forwarded = headers("x-forwarded-for", &["198.51.100.7"]);
        assert_eq!(
            proxies.client(ip("::ffff:127.0.0.1"), &forwarded),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn bad_entries_are_named() {
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/8, proxy.local", ForwardedHeader::XForwardedFor),
            Err(ProxyListError("proxy.local".into()))
        );
        assert!(TrustedProxies::parse("", ForwardedHeader::XForwardedFor).is_ok());
    }
}
