// Package pushtest is a browser's side of Web Push for tests: a subscription's keys, made
// as a browser makes them, and the decryption of what an application server sent through the
// push service (RFC 8291, aes128gcm), as the browser does it.
package pushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"testing"

	"golang.org/x/crypto/hkdf"
)

// Browser is what a browser keeps for one push subscription: the P-256 key pair whose public
// half is keys.p256dh, and the 16-byte auth secret (RFC 8291 §2). It decrypts what the
// application server sent through the push service, as the browser would.
type Browser struct {
	key  *ecdh.PrivateKey
	auth []byte
}

// NewBrowser generates a subscription's keys the way a browser does.
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	auth := make([]byte, 16)
	if _, err := rand.Read(auth); err != nil {
		t.Fatal(err)
	}
	return &Browser{key: key, auth: auth}
}

// Subscription is PushSubscription.toJSON() for endpoint: exactly what the PWA posts.
func (b *Browser) Subscription(endpoint string) map[string]any {
	return map[string]any{"endpoint": endpoint, "expirationTime": nil, "keys": b.Keys()}
}

// Keys are the subscription's keys as PushSubscription.toJSON() gives them.
func (b *Browser) Keys() map[string]string {
	return map[string]string{
		"p256dh": base64.RawURLEncoding.EncodeToString(b.key.PublicKey().Bytes()),
		"auth":   base64.RawURLEncoding.EncodeToString(b.auth),
	}
}

// Decrypt reads an aes128gcm body (RFC 8188 header: salt, record size, key id = the
// server's ephemeral public key) and decrypts it with the subscription's keys (RFC 8291 §3.4).
func (b *Browser) Decrypt(body []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("body shorter than the aes128gcm header")
	}
	salt, rs, idLen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if len(body) < 21+idLen || rs < 18 {
		return nil, errors.New("bad aes128gcm header")
	}
	serverPub, err := ecdh.P256().NewPublicKey(body[21 : 21+idLen])
	if err != nil {
		return nil, fmt.Errorf("key id is not a P-256 point: %w", err)
	}
	cek, nonce, err := b.contentKeys(serverPub, salt)
	if err != nil {
		return nil, err
	}
	return openRecords(cek, nonce, body[21+idLen:], int(rs))
}

// contentKeys derives the content encryption key and the base nonce (RFC 8291 §3.3-3.4).
func (b *Browser) contentKeys(serverPub *ecdh.PublicKey, salt []byte) (cek, nonce []byte, err error) {
	shared, err := b.key.ECDH(serverPub)
	if err != nil {
		return nil, nil, err
	}
	info := append([]byte("WebPush: info\x00"), b.key.PublicKey().Bytes()...)
	info = append(info, serverPub.Bytes()...)
	ikm := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, shared, b.auth, info), ikm); err != nil {
		return nil, nil, err
	}
	cek, nonce = make([]byte, 16), make([]byte, 12)
	if _, err := io.ReadFull(hkdf.New(sha256.New, ikm, salt, []byte("Content-Encoding: aes128gcm\x00")), cek); err != nil {
		return nil, nil, err
	}
	_, err = io.ReadFull(hkdf.New(sha256.New, ikm, salt, []byte("Content-Encoding: nonce\x00")), nonce)
	return cek, nonce, err
}

// openRecords decrypts the records of rs bytes each (RFC 8188 §2): each record's nonce is the
// base nonce XOR its sequence number; padding is zeros after a delimiter, 2 on the last record.
func openRecords(cek, nonce, data []byte, rs int) ([]byte, error) {
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	var out []byte
	for seq := uint64(0); len(data) > 0; seq++ {
		n := min(rs, len(data))
		plain, err := gcm.Open(nil, recordNonce(nonce, seq), data[:n], nil)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", seq, err)
		}
		data = data[n:]
		content, err := unpad(plain, len(data) == 0)
		if err != nil {
			return nil, err
		}
		out = append(out, content...)
	}
	return out, nil
}

// recordNonce is nonce XOR seq (big-endian, on the last 8 bytes).
func recordNonce(nonce []byte, seq uint64) []byte {
	n := bytes.Clone(nonce)
	tail := binary.BigEndian.Uint64(n[4:]) ^ seq
	binary.BigEndian.PutUint64(n[4:], tail)
	return n
}

// unpad strips a record's padding: trailing zeros, then the delimiter (2 last, 1 otherwise).
func unpad(plain []byte, last bool) ([]byte, error) {
	i := bytes.LastIndexFunc(plain, func(r rune) bool { return r != 0 })
	want := byte(1)
	if last {
		want = 2
	}
	if i < 0 || plain[i] != want {
		return nil, errors.New("bad padding delimiter")
	}
	return plain[:i], nil
}
