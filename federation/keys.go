package federation

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/secrets"
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

// Complete reports whether both keys are there.
func (k KeyPair) Complete() bool { return k.PublicKeyPEM != "" && k.PrivateKeyPEM != "" }

// keyCache reads the key pair once, generating it on a database that has none.
type keyCache struct{ secrets.Cache[KeyPair] }

// get returns the key pair of app's database.
func (c *keyCache) get(app core.App) (KeyPair, error) {
	return c.Get(app, s.FederationKeyParam, newKeyPair)
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
