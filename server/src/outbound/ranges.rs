//! Which addresses the product may send requests to. An address in a special-purpose
//! range (loopback, private networks, link-local with the cloud metadata services, shared
//! carrier address space, multicast, documentation and other reserved blocks, and the
//! IPv6 forms that embed an IPv4 address) is refused unless `OUTBOUND_ALLOW_RANGES`
//! allows it: an administrator's typo, or a name that resolves inside the network,
//! would otherwise let the server be used to reach what only it can reach.
use std::net::IpAddr;
use std::sync::{Arc, LazyLock};

use ipnet::IpNet;

/// The special-purpose ranges of the IANA registries (RFC 6890 and its updates) that a
/// server must not be steered into.
const REFUSED: &[&str] = &[
    // IPv4
    "0.0.0.0/8",       // "this network"
    "10.0.0.0/8",      // private
    "100.64.0.0/10",   // shared address space (carrier NAT; Alibaba's metadata service)
    "127.0.0.0/8",     // loopback
    "169.254.0.0/16",  // link-local: 169.254.169.254 is AWS's, GCP's and Azure's metadata
    "172.16.0.0/12",   // private
    "192.0.0.0/24",    // IETF protocol assignments (Oracle's metadata is 192.0.0.192)
    "192.0.2.0/24",    // documentation
    "192.88.99.0/24",  // 6to4 relays
    "192.168.0.0/16",  // private
    "198.18.0.0/15",   // benchmarking
    "198.51.100.0/24", // documentation
    "203.0.113.0/24",  // documentation
    "224.0.0.0/4",     // multicast
    "240.0.0.0/4",     // reserved, and the broadcast address
    // IPv6 (IPv4-mapped addresses are checked as the IPv4 address they carry)
    "::/128",         // unspecified
    "::1/128",        // loopback
    "64:ff9b::/96",   // NAT64: reaches any IPv4 address, private ones included
    "64:ff9b:1::/48", // local-use NAT64
    "100::/64",       // discard
    "2001::/23",      // IETF protocol assignments (Teredo, ORCHID…)
    "2001:db8::/32",  // documentation
    "2002::/16",      // 6to4: embeds an IPv4 address
    "fc00::/7",       // unique local (fd00::/8; AWS's metadata is fd00:ec2::254)
    "fe80::/10",      // link-local
    "fec0::/10",      // site-local (deprecated)
    "ff00::/8",       // multicast
];

/// The ranges outbound requests may reach despite [`REFUSED`] (`OUTBOUND_ALLOW_RANGES`).
#[derive(Clone, Debug, Default)]
pub struct OutboundPolicy {
    allowed: Arc<[IpNet]>,
}

impl OutboundPolicy {
    /// Only public addresses.
    pub fn public_only() -> Self {
        Self::default()
    }

    /// Public addresses and those in `allowed` (an on-premises receiver's network).
    pub fn allowing(allowed: Vec<IpNet>) -> Self {
        Self {
            allowed: allowed.into(),
        }
    }

    /// Whether a request may go to `address`.
    pub fn permits(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.allowed.iter().any(|range| range.contains(&address))
            || !refused_ranges().any(|range| range.contains(&address))
    }
}

/// [`REFUSED`], parsed once. A test checks that every entry parses.
static REFUSED_RANGES: LazyLock<Vec<IpNet>> = LazyLock::new(|| {
    REFUSED
        .iter()
        .filter_map(|range| range.parse().ok())
        .collect()
});

fn refused_ranges() -> impl Iterator<Item = &'static IpNet> {
    REFUSED_RANGES.iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn permitted(policy: &OutboundPolicy, address: &str) -> bool {
        policy.permits(address.parse().unwrap())
    }

    #[test]
    fn every_refused_range_is_written_right() {
        assert_eq!(refused_ranges().count(), REFUSED.len());
    }

    #[test]
    fn only_public_addresses_are_reached_by_default() {
        let policy = OutboundPolicy::public_only();
        for refused in [
            "127.0.0.1",
            "10.1.2.3",
            "172.20.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "2002:a00:1::1",
        ] {
            assert!(!permitted(&policy, refused), "{refused} was permitted");
        }
        for public in ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(permitted(&policy, public), "{public} was refused");
        }
    }

    #[test]
    fn allowed_ranges_open_only_themselves() {
        let policy = OutboundPolicy::allowing(vec![
            "127.0.0.0/8".parse().unwrap(),
            "10.20.0.0/16".parse().unwrap(),
        ]);
        assert!(permitted(&policy, "127.0.0.1"));
        assert!(permitted(&policy, "::ffff:127.0.0.1"));
        assert!(permitted(&policy, "10.20.3.4"));
        assert!(!permitted(&policy, "10.21.3.4"));
        assert!(!permitted(&policy, "169.254.169.254"));
        assert!(!permitted(&policy, "::1"));
    }
}
