package sources

import (
	"fmt"
	"net/netip"
	"strings"
	"syscall"

	"code.dny.dev/ssrf"
)

// ParseNetworks reads a comma-separated list of CIDR prefixes or single addresses
// ("127.0.0.0/8, ::1"), as given to --sources-allow-networks; an empty list allows nothing.
func ParseNetworks(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		p, err := parsePrefix(part)
		if err != nil {
			return nil, fmt.Errorf("network %q: %w", part, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// parsePrefix reads "10.0.0.0/8", or a single address as its own /32 or /128.
func parsePrefix(s string) (netip.Prefix, error) {
	if !strings.Contains(s, "/") {
		addr, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, err
		}
		return netip.PrefixFrom(addr, addr.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	return p.Masked(), err
}

// refusedError is a connection the guard refused: the address is on the server's own networks.
type refusedError struct {
	address string
	err     error
}

func (e *refusedError) Error() string { return "refused address " + e.address + ": " + e.err.Error() }
func (e *refusedError) Unwrap() error { return e.err }

// guardControl returns a net.Dialer Control function that refuses, at connect time (after DNS,
// and for every redirect), the addresses of IANA's special-purpose registries (loopback,
// private, link-local, unique-local, CGNAT, multicast, unspecified, IPv4-mapped and
// translated forms…), except those in allow. The lists are code.dny.dev/ssrf's, generated from
// the registries rather than written by hand.
func guardControl(allow []netip.Prefix) func(network, address string, c syscall.RawConn) error {
	var v4, v6 []netip.Prefix
	for _, p := range allow {
		if p.Addr().Is4() {
			v4 = append(v4, p)
		} else {
			v6 = append(v6, p)
		}
	}
	g := ssrf.New(ssrf.WithAnyPort(), ssrf.WithAllowedV4Prefixes(v4...), ssrf.WithAllowedV6Prefixes(v6...))
	return func(network, address string, c syscall.RawConn) error {
		if err := g.Safe(network, address, c); err != nil {
			return &refusedError{address: address, err: err}
		}
		return nil
	}
}
