package federation

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"database/sql"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// KeyPair is the territory actor's RSA key pair in PEM: the public key is published in the actor
// document (publicKey.publicKeyPem), the private key signs outgoing requests. It is generated
// once per database and kept in _params, which no API serves.
type KeyPair struct {
	PublicKeyPEM  string `json:"publicKeyPem"`
	PrivateKeyPEM string `json:"privateKeyPem"`
}

// keyBits is the RSA key size Mastodon, Mobilizon and Gancio all accept.
const keyBits = 2048

// keyCache reads the key pair once, generating it on a database that has none.
type keyCache struct {
	mu   sync.Mutex
	keys *KeyPair
}

// get returns the key pair of app's database.
func (c *keyCache) get(app core.App) (KeyPair, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys != nil {
		return *c.keys, nil
	}
	keys, err := loadOrCreateKeys(app)
	if err != nil {
		return KeyPair{}, err
	}
	c.keys = &keys
	return keys, nil
}

// loadOrCreateKeys reads the stored pair, or stores a new one first. INSERT OR IGNORE keeps the
// first pair when two processes start at once on the same database.
func loadOrCreateKeys(app core.App) (KeyPair, error) {
	keys, err := readKeys(app)
	if !errors.Is(err, sql.ErrNoRows) {
		return keys, err
	}
	keys, err = newKeyPair()
	if err != nil {
		return KeyPair{}, err
	}
	value, err := json.Marshal(keys)
	if err != nil {
		return KeyPair{}, err
	}
	_, err = app.DB().NewQuery("INSERT OR IGNORE INTO {{_params}} ([[id]], [[value]]) VALUES ({:id}, {:value})").
		Bind(dbx.Params{"id": s.FederationKeyParam, "value": string(value)}).Execute()
	if err != nil {
		return KeyPair{}, fmt.Errorf("store federation keys: %w", err)
	}
	return readKeys(app)
}

// newKeyPair generates an RSA key pair as PKIX (public) and PKCS#8 (private) PEM blocks.
func newKeyPair() (KeyPair, error) {
	private, err := rsa.GenerateKey(rand.Reader, keyBits)
	if err != nil {
		return KeyPair{}, fmt.Errorf("generate federation key: %w", err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&private.PublicKey)
	if err != nil {
		return KeyPair{}, err
	}
	priv, err := x509.MarshalPKCS8PrivateKey(private)
	if err != nil {
		return KeyPair{}, err
	}
	return KeyPair{
		PublicKeyPEM:  string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})),
		PrivateKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: priv})),
	}, nil
}

// readKeys reads the stored pair; sql.ErrNoRows when there is none yet.
func readKeys(app core.App) (KeyPair, error) {
	var row struct {
		Value string `db:"value"`
	}
	err := app.DB().Select("value").From("_params").Where(dbx.HashExp{"id": s.FederationKeyParam}).One(&row)
	if err != nil {
		return KeyPair{}, err
	}
	var keys KeyPair
	if err := json.Unmarshal([]byte(row.Value), &keys); err != nil || keys.PublicKeyPEM == "" || keys.PrivateKeyPEM == "" {
		return KeyPair{}, fmt.Errorf("decode federation keys (_params %s): %v", s.FederationKeyParam, err)
	}
	return keys, nil
}
