package sources

import (
	"errors"
	"net/netip"
	"testing"

	"code.dny.dev/ssrf"
)

// The guard is checked on addresses alone, without dialling, so that no packet ever leaves for
// a private or metadata address even if the guard were broken. Loopback is dialled for real in
// TestGuardOnLoopback.
func TestGuardRefusesOwnNetworks(t *testing.T) {
	refused := []string{
		"127.0.0.1:80", "10.0.0.1:80", "172.16.5.4:443", "192.168.1.1:8080", "169.254.169.254:80",
		"100.64.0.1:80", "0.0.0.0:80", "224.0.0.1:80", "255.255.255.255:80",
		"[::1]:80", "[::]:80", "[fd00::1]:80", "[fe80::1]:80", "[ff02::1]:80",
		"[::ffff:127.0.0.1]:80", "[::ffff:10.0.0.1]:80", "[64:ff9b::7f00:1]:80",
	}
	control := guardControl(nil)
	for _, addr := range refused {
		err := control(network(addr), addr, nil)
		var r *refusedError
		if !errors.As(err, &r) || !errors.Is(err, ssrf.ErrProhibitedIP) {
			t.Errorf("%s: got %v, want a refused address", addr, err)
		}
	}
	for _, addr := range []string{"93.184.215.14:443", "[2606:4700:4700::1111]:443", "91.198.174.192:8080"} {
		if err := control(network(addr), addr, nil); err != nil {
			t.Errorf("public %s: got %v, want allowed", addr, err)
		}
	}
}

// Negative control: the networks an admin allows pass the guard, and only those.
func TestGuardAllowsConfiguredNetworks(t *testing.T) {
	allow, err := ParseNetworks("10.0.0.0/8, ::1")
	if err != nil {
		t.Fatal(err)
	}
	control := guardControl(allow)
	for _, addr := range []string{"10.1.2.3:80", "[::1]:8080"} {
		if err := control(network(addr), addr, nil); err != nil {
			t.Errorf("allowed %s: got %v, want allowed", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:80", "192.168.1.1:80", "[::2]:80"} {
		if err := control(network(addr), addr, nil); err == nil {
			t.Errorf("%s: allowed, want refused (not in the allowed networks)", addr)
		}
	}
}

func TestParseNetworks(t *testing.T) {
	got, err := ParseNetworks(" 127.0.0.0/8,::1 , 10.1.2.3/8,")
	want := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("10.0.0.0/8")}
	if err != nil || len(got) != len(want) {
		t.Fatalf("got %v, %v; want %v", got, err, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("network %d: got %v, want %v", i, got[i], want[i])
		}
	}
	if none, err := ParseNetworks(""); err != nil || len(none) != 0 {
		t.Errorf("empty list: got %v, %v; want none", none, err)
	}
	for _, bad := range []string{"localhost", "10.0.0.0/33", "10.0.0.0/8;192.168.0.0/16"} {
		if _, err := ParseNetworks(bad); err == nil {
			t.Errorf("%q: accepted, want an error", bad)
		}
	}
}

// network is the dialler's network name for addr.
func network(addr string) string {
	if netip.MustParseAddrPort(addr).Addr().Is4() {
		return "tcp4"
	}
	return "tcp6"
}
