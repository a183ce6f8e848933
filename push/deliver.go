package push

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	webpush "github.com/SherClockHolmes/webpush-go"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// ttlSeconds is how long a push service keeps a notification for an offline browser.
const ttlSeconds = 24 * 60 * 60

// deliver sends out's notification to every subscription of its recipient. A subscription
// the push service says is gone (404, 410) is deleted; any other failure is logged.
func (n *Notifier) deliver(out outgoing) {
	subs, err := n.app.FindRecordsByFilter(s.PushSubscriptions, "user = {:u}", "", 0, 0, dbx.Params{"u": out.to.Id})
	if err != nil || len(subs) == 0 {
		return
	}
	payload, err := json.Marshal(out.note)
	if err != nil {
		return
	}
	for _, sub := range subs {
		n.sendOne(sub, payload)
	}
}

// sendOne sends payload to one subscription and acts on the push service's answer.
func (n *Notifier) sendOne(sub *core.Record, payload []byte) {
	endpoint := sub.GetString(s.FieldPushEndpoint)
	if err := CheckEndpoint(endpoint, n.cfg.Hosts); err != nil {
		// Saved while MAILLAGE_PUSH_HOSTS listed its host, which it no longer does.
		n.app.Logger().Warn("push: endpoint no longer allowed, not sent", "host", hostOf(endpoint))
		return
	}
	status, err := n.send(sub, payload)
	switch {
	case err != nil:
		n.app.Logger().Warn("push: delivery failed", "host", hostOf(endpoint), "error", err)
	case status == http.StatusNotFound || status == http.StatusGone:
		if err := n.app.Delete(sub); err != nil {
			n.app.Logger().Warn("push: gone subscription not deleted", "id", sub.Id, "error", err)
		}
	case status < 200 || status > 299:
		n.app.Logger().Warn("push: delivery refused", "host", hostOf(endpoint), "status", status)
	}
}

// send encrypts payload for sub (RFC 8291), signs the request (VAPID, RFC 8292) and posts it;
// it returns the push service's status.
func (n *Notifier) send(sub *core.Record, payload []byte) (int, error) {
	keys, err := n.keys.get(n.app)
	if err != nil {
		return 0, err
	}
	var k subscriptionKeys
	raw, _ := json.Marshal(sub.Get(s.FieldPushKeys))
	if err := json.Unmarshal(raw, &k); err != nil {
		return 0, fmt.Errorf("read subscription keys: %w", err)
	}
	res, err := webpush.SendNotificationWithContext(n.ctx, payload,
		&webpush.Subscription{Endpoint: sub.GetString(s.FieldPushEndpoint), Keys: webpush.Keys{Auth: k.Auth, P256dh: k.P256dh}},
		&webpush.Options{HTTPClient: n.client, Subscriber: n.subject(), TTL: ttlSeconds, Urgency: webpush.UrgencyNormal,
			VAPIDPublicKey: keys.PublicKey, VAPIDPrivateKey: keys.PrivateKey})
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	return res.StatusCode, nil
}

// subject is the VAPID contact: the configured one, else the app's sender address. webpush-go
// adds "mailto:" itself to anything but an https URL.
func (n *Notifier) subject() string {
	subject := n.cfg.Subject
	if subject == "" {
		subject = n.app.Settings().Meta.SenderAddress
	}
	return strings.TrimPrefix(subject, "mailto:")
}

// hostOf is endpoint's host, for logs: the whole endpoint is a secret of its browser.
func hostOf(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "?"
	}
	return u.Host
}
