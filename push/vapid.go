package push

import (
	webpush "github.com/SherClockHolmes/webpush-go"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/secrets"
	s "github.com/maillage/maillage/schema"
)

// VAPIDKeys is the server's application key pair (RFC 8292), base64url without padding: the
// public key is the PWA's applicationServerKey, the private key signs each push's JWT. It is
// generated once per database and kept in _params, which no API serves.
type VAPIDKeys struct {
	PublicKey  string `json:"publicKey"`
	PrivateKey string `json:"privateKey"`
}

// Complete reports whether both keys are there.
func (k VAPIDKeys) Complete() bool { return k.PublicKey != "" && k.PrivateKey != "" }

// keyCache reads the keys once, generating them on a database that has none.
type keyCache struct{ secrets.Cache[VAPIDKeys] }

// get returns the keys of app's database.
func (c *keyCache) get(app core.App) (VAPIDKeys, error) {
	return c.Get(app, s.PushVAPIDParam, newVAPIDKeys)
}

// newVAPIDKeys generates a VAPID key pair.
func newVAPIDKeys() (VAPIDKeys, error) {
	private, public, err := webpush.GenerateVAPIDKeys()
	return VAPIDKeys{PublicKey: public, PrivateKey: private}, err
}
