package push

import (
	"crypto/ecdh"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Codes of the subscription refusals (i18n/messages_push.go).
const (
	codeKeysInvalid = "push_keys_invalid"
	codeNotYours    = "push_subscription_not_yours"
)

// subscriptionKeys is the keys object of PushSubscription.toJSON(), base64url.
type subscriptionKeys struct {
	P256dh string `json:"p256dh"`
	Auth   string `json:"auth"`
}

// bindSubscriptions makes the requester the owner of the subscription they post (the API
// rules cannot set a field), lets a browser's new subscription replace its old one (one per
// endpoint), and checks every saved subscription's endpoint and keys, whatever writes it.
func bindSubscriptions(app core.App, n *Notifier) {
	app.OnRecordCreateRequest(s.PushSubscriptions).BindFunc(func(e *core.RecordRequestEvent) error {
		if err := ownByRequester(e); err != nil {
			return err
		}
		if err := replaceSameEndpoint(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
	app.OnRecordValidate(s.PushSubscriptions).BindFunc(func(e *core.RecordEvent) error {
		if err := checkSubscription(e.Record, n.cfg.Hosts); err != nil {
			return err
		}
		return e.Next()
	})
}

// ownByRequester sets the subscription's user to the requester, and refuses a body that
// names someone else. Superusers (the dashboard) choose the user.
func ownByRequester(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return nil
	}
	if e.Auth == nil || e.Auth.Collection().Name != s.Users {
		return e.UnauthorizedError("", nil)
	}
	if user := e.Record.GetString(s.FieldPushUser); user != "" && user != e.Auth.Id {
		return validation.Errors{s.FieldPushUser: i18n.NewError(codeNotYours, nil)}
	}
	e.Record.Set(s.FieldPushUser, e.Auth.Id)
	return nil
}

// replaceSameEndpoint deletes the subscription already saved for the endpoint: it is the same
// browser subscribing again (new keys, or another person signed in on it). The endpoint is a
// secret only that browser and its push service know.
func replaceSameEndpoint(app core.App, rec *core.Record) error {
	old, err := app.FindFirstRecordByFilter(s.PushSubscriptions, "endpoint = {:e}",
		dbx.Params{"e": rec.GetString(s.FieldPushEndpoint)})
	if err != nil {
		return nil // none
	}
	return app.Delete(old)
}

// checkSubscription refuses an endpoint outside the allowed push services and keys that are
// not a P-256 public key and a 16-byte secret, and stores the keys as {p256dh, auth} only.
func checkSubscription(rec *core.Record, hosts []string) error {
	if err := CheckEndpoint(rec.GetString(s.FieldPushEndpoint), hosts); err != nil {
		return validation.Errors{s.FieldPushEndpoint: err}
	}
	keys, ok := readSubscriptionKeys(rec)
	if !ok {
		return validation.Errors{s.FieldPushKeys: i18n.NewError(codeKeysInvalid, nil)}
	}
	rec.Set(s.FieldPushKeys, keys)
	return nil
}

// readSubscriptionKeys decodes and checks the record's keys.
func readSubscriptionKeys(rec *core.Record) (subscriptionKeys, bool) {
	var keys subscriptionKeys
	raw, err := json.Marshal(rec.Get(s.FieldPushKeys))
	if err != nil || json.Unmarshal(raw, &keys) != nil {
		return keys, false
	}
	point, errP := decodeKey(keys.P256dh)
	secret, errA := decodeKey(keys.Auth)
	if errP != nil || errA != nil || len(secret) != 16 {
		return keys, false
	}
	if _, err := ecdh.P256().NewPublicKey(point); err != nil {
		return keys, false
	}
	return keys, true
}

// decodeKey decodes base64url (as browsers write keys), with or without padding.
func decodeKey(v string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(v, "="))
}
