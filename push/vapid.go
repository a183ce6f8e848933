package push

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	webpush "github.com/SherClockHolmes/webpush-go"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// VAPIDKeys is the server's application key pair (RFC 8292), base64url without padding: the
// public key is the PWA's applicationServerKey, the private key signs each push's JWT. It is
// generated once per database and kept in _params, which no API serves.
type VAPIDKeys struct {
	PublicKey  string `json:"publicKey"`
	PrivateKey string `json:"privateKey"`
}

// keyCache reads the keys once, generating them on a database that has none.
type keyCache struct {
	mu   sync.Mutex
	keys *VAPIDKeys
}

// get returns the keys of app's database.
func (c *keyCache) get(app core.App) (VAPIDKeys, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys != nil {
		return *c.keys, nil
	}
	keys, err := loadOrCreateKeys(app)
	if err != nil {
		return VAPIDKeys{}, err
	}
	c.keys = &keys
	return keys, nil
}

// loadOrCreateKeys reads the stored keys, or stores new ones first. INSERT OR IGNORE keeps
// the first pair when two processes start at once on the same database.
func loadOrCreateKeys(app core.App) (VAPIDKeys, error) {
	keys, err := readKeys(app)
	if !errors.Is(err, sql.ErrNoRows) {
		return keys, err
	}
	private, public, err := webpush.GenerateVAPIDKeys()
	if err != nil {
		return VAPIDKeys{}, fmt.Errorf("generate vapid keys: %w", err)
	}
	value, err := json.Marshal(VAPIDKeys{PublicKey: public, PrivateKey: private})
	if err != nil {
		return VAPIDKeys{}, err
	}
	_, err = app.DB().NewQuery("INSERT OR IGNORE INTO {{_params}} ([[id]], [[value]]) VALUES ({:id}, {:value})").
		Bind(dbx.Params{"id": s.PushVAPIDParam, "value": string(value)}).Execute()
	if err != nil {
		return VAPIDKeys{}, fmt.Errorf("store vapid keys: %w", err)
	}
	return readKeys(app)
}

// readKeys reads the stored keys; sql.ErrNoRows when there are none yet.
func readKeys(app core.App) (VAPIDKeys, error) {
	var row struct {
		Value string `db:"value"`
	}
	err := app.DB().Select("value").From("_params").Where(dbx.HashExp{"id": s.PushVAPIDParam}).One(&row)
	if err != nil {
		return VAPIDKeys{}, err
	}
	var keys VAPIDKeys
	if err := json.Unmarshal([]byte(row.Value), &keys); err != nil || keys.PublicKey == "" || keys.PrivateKey == "" {
		return VAPIDKeys{}, fmt.Errorf("decode vapid keys (_params %s): %v", s.PushVAPIDParam, err)
	}
	return keys, nil
}
