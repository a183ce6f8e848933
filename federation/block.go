package federation

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-fed/httpsig"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// The domain block list (federationBlocks, managed by superusers in the dashboard): nothing is
// delivered to, fetched from or accepted from a listed domain or its subdomains.

// errBlocked refuses a request to a blocked domain.
var errBlocked = errors.New("the domain is blocked")

// bindBlocks makes f's client refuse blocked domains and the routes refuse their deliveries,
// and keeps the domains of the list in lower case.
func (f *federation) bindBlocks(app core.App) {
	f.client = withBlocks(app, f.client)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(refuseBlockedSender)
		return se.Next()
	})
	app.OnRecordValidate(s.FederationBlocks).BindFunc(func(e *core.RecordEvent) error {
		e.Record.Set(s.BlockFields.Domain, strings.ToLower(strings.TrimSpace(e.Record.GetString(s.BlockFields.Domain))))
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(s.FederationBlocks).BindFunc(func(e *core.RecordEvent) error {
		forgetBlocked(e.App, e.Record.GetString(s.BlockFields.Domain))
		return e.Next()
	})
}

// blocked says whether host (with or without a port) is a blocked domain or one of its
// subdomains.
func blocked(app core.App, host string) bool {
	return blockedBy(blockedDomains(app), host) != ""
}

// blockedDomains reads the block list (none when it cannot be read).
func blockedDomains(app core.App) []string {
	var domains []string
	err := app.DB().Select(s.BlockFields.Domain).From(s.FederationBlocks).Column(&domains)
	if err != nil {
		app.Logger().Warn("federation: read the block list", "error", err)
	}
	return domains
}

// blockedBy is the domain of domains that blocks host ("" for none).
func blockedBy(domains []string, host string) string {
	name := strings.ToLower(strings.TrimSuffix(host, "."))
	if h, _, err := net.SplitHostPort(name); err == nil {
		name = h
	}
	for _, d := range domains {
		if name == d || strings.HasSuffix(name, "."+d) {
			return d
		}
	}
	return ""
}

// blockingTransport refuses requests, redirects included, to a blocked domain.
type blockingTransport struct {
	app  core.App
	next http.RoundTripper
}

// RoundTrip sends r unless its host is blocked.
func (t blockingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if blocked(t.app, r.URL.Host) {
		return nil, fmt.Errorf("%w: %s", errBlocked, r.URL.Hostname())
	}
	return t.next.RoundTrip(r)
}

// withBlocks is a copy of client that refuses blocked domains.
func withBlocks(app core.App, client *http.Client) *http.Client {
	c := *client
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = blockingTransport{app: app, next: next}
	return &c
}

// refuseBlockedSender answers 403, with the reason, a POST to the federation routes signed
// with a key of a blocked domain, before its key is fetched.
func refuseBlockedSender(e *core.RequestEvent) error {
	if e.Request.Method != http.MethodPost || !strings.HasPrefix(e.Request.URL.Path, "/federation/") {
		return e.Next()
	}
	v, err := httpsig.NewVerifier(e.Request)
	if err != nil {
		return e.Next() // unsigned: the inbox refuses it
	}
	u, err := url.Parse(v.KeyId())
	if domain := blockedBy(blockedDomains(e.App), u.Host); err == nil && domain != "" {
		return e.ForbiddenError(i18n.Tr(e, "federation_blocked", map[string]any{"domain": domain}), nil)
	}
	return e.Next()
}
