package push

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/maillage/maillage/i18n"
)

// Codes of the endpoint refusals (i18n/messages_push.go).
const (
	codeEndpointInvalid    = "push_endpoint_invalid"
	codeEndpointNotAllowed = "push_endpoint_not_allowed"
)

// knownHosts are the browsers' push services, reached over https on port 443: Chrome, Edge,
// Opera, Samsung Internet (Firebase Cloud Messaging), Firefox (Mozilla autopush).
var knownHosts = []string{
	"fcm.googleapis.com",
	"android.googleapis.com",
	"updates.push.services.mozilla.com",
}

// knownSuffixes are push services with one host per region: Safari (Apple web push,
// web.push.apple.com) and Windows (WNS, e.g. wns2-par02p.notify.windows.com).
var knownSuffixes = []string{
	".push.apple.com",
	".notify.windows.com",
}

// ParseHosts reads MAILLAGE_PUSH_HOSTS: host:port pairs separated by commas (spaces allowed).
func ParseHosts(list string) ([]string, error) {
	var hosts []string
	for _, item := range strings.Split(list, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		if item == "" {
			continue
		}
		host, port, err := net.SplitHostPort(item)
		if n, perr := strconv.Atoi(port); err != nil || perr != nil || host == "" || n < 1 || n > 65535 {
			return nil, fmt.Errorf("push host %q: expected host:port, e.g. push.example.org:443 or 127.0.0.1:8100", item)
		}
		hosts = append(hosts, net.JoinHostPort(host, port))
	}
	return hosts, nil
}

// CheckEndpoint returns nil when endpoint is a push service Maillage may call: a browser's
// own over https, or one of extra (host:port, http or https). Otherwise it returns an
// *i18n.Error naming the refused host, so that a subscription cannot make the server call an
// arbitrary address.
func CheckEndpoint(endpoint string, extra []string) error {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || u.User != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return i18n.NewError(codeEndpointInvalid, nil)
	}
	host := strings.ToLower(u.Hostname())
	if u.Scheme == "https" && (u.Port() == "" || u.Port() == "443") && isKnownHost(host) {
		return nil
	}
	if listed(hostPort(u), extra) {
		return nil
	}
	return i18n.NewError(codeEndpointNotAllowed, map[string]any{"host": u.Host})
}

// isKnownHost reports whether host is one of the browsers' push services.
func isKnownHost(host string) bool {
	for _, h := range knownHosts {
		if host == h {
			return true
		}
	}
	for _, suffix := range knownSuffixes {
		if strings.HasSuffix(host, suffix) && len(host) > len(suffix) {
			return true
		}
	}
	return false
}

// hostPort is u's host and port, the scheme's default port when none is written.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// listed reports whether hostport is one of hosts.
func listed(hostport string, hosts []string) bool {
	for _, h := range hosts {
		if h == hostport {
			return true
		}
	}
	return false
}
