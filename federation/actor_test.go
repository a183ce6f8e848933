package federation_test

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"strings"
	"testing"
)

// TestWebFinger: the territory's account leads to its actor document; any other account, or
// the territory's name on another host, is 404.
func TestWebFinger(t *testing.T) {
	w := newWorld(t)
	for _, resource := range []string{"acct:territory@example.com", site + "/federation/territory"} {
		rec := w.get(t, "/.well-known/webfinger?resource="+resource, "")
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/jrd+json" {
			t.Fatalf("%s: %d %s", resource, rec.Code, rec.Header().Get("Content-Type"))
		}
		jrd := decodeJSON(t, rec.Body.String())
		self := jrd["links"].([]any)[0].(map[string]any)
		if jrd["subject"] != "acct:territory@example.com" || self["rel"] != "self" ||
			self["type"] != "application/activity+json" || self["href"] != site+"/federation/territory" {
			t.Errorf("%s: %v", resource, jrd)
		}
	}
	for _, resource := range []string{"acct:someone@example.com", "acct:territory@elsewhere.org", ""} {
		if rec := w.get(t, "/.well-known/webfinger?resource="+resource, ""); rec.Code != http.StatusNotFound {
			t.Errorf("%q: %d, want 404", resource, rec.Code)
		}
	}
}

// TestNodeInfo: the well-known document links NodeInfo 2.0 and 2.1, which name the software and
// the activitypub protocol; an unknown version is 404.
func TestNodeInfo(t *testing.T) {
	w := newWorld(t)
	links := decodeJSON(t, w.get(t, "/.well-known/nodeinfo", "").Body.String())["links"].([]any)
	if len(links) != 2 {
		t.Fatalf("links: %v", links)
	}
	for _, version := range []string{"2.0", "2.1"} {
		rec := w.get(t, "/nodeinfo/"+version, "")
		doc := decodeJSON(t, rec.Body.String())
		software := doc["software"].(map[string]any)
		if rec.Code != http.StatusOK || doc["version"] != version || software["name"] != "maillage" ||
			doc["protocols"].([]any)[0] != "activitypub" {
			t.Errorf("nodeinfo %s: %d %v", version, rec.Code, doc)
		}
	}
	if rec := w.get(t, "/nodeinfo/3.0", ""); rec.Code != http.StatusNotFound {
		t.Errorf("nodeinfo 3.0: %d, want 404", rec.Code)
	}
}

// TestActor: the actor document is a Group with inbox, outbox, followers, preferredUsername and
// an RSA public key in PEM, the same on every request, under both ActivityStreams media types;
// a browser is sent to the PWA.
func TestActor(t *testing.T) {
	w := newWorld(t)
	actor := w.activity(t, "/federation/territory")
	id := site + "/federation/territory"
	if actor["id"] != id || actor["type"] != "Group" || actor["preferredUsername"] != "territory" ||
		actor["inbox"] != id+"/inbox" || actor["outbox"] != id+"/outbox" || actor["followers"] != id+"/followers" {
		t.Fatalf("actor: %v", actor)
	}
	key := actor["publicKey"].(map[string]any)
	if key["owner"] != id || key["id"] != id+"#main-key" {
		t.Errorf("publicKey: %v", key)
	}
	rsaKey(t, key["publicKeyPem"].(string))
	var stored string
	if err := w.app.DB().NewQuery("SELECT value FROM _params WHERE id = 'maillage_federation_key'").Row(&stored); err != nil ||
		!strings.Contains(stored, strings.ReplaceAll(key["publicKeyPem"].(string), "\n", `\n`)) {
		t.Errorf("the key is not the one kept in _params (%v)", err)
	}
	ld := w.get(t, "/federation/territory", `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`)
	if ld.Code != http.StatusOK || decodeJSON(t, ld.Body.String())["publicKey"].(map[string]any)["publicKeyPem"] != key["publicKeyPem"] {
		t.Errorf("ld+json: %d, or another key", ld.Code)
	}
	if page := w.get(t, "/federation/territory", "text/html"); page.Code != http.StatusSeeOther {
		t.Errorf("text/html: %d, want 303 to the PWA", page.Code)
	}
}

// rsaKey parses a PEM public key, failing unless it is RSA of 2048 bits or more.
func rsaKey(t *testing.T, text string) *rsa.PublicKey {
	t.Helper()
	block, _ := pem.Decode([]byte(text))
	if block == nil || block.Type != "PUBLIC KEY" {
		t.Fatalf("not a PEM public key: %q", text)
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	public, ok := key.(*rsa.PublicKey)
	if !ok || public.N.BitLen() < 2048 {
		t.Fatalf("not an RSA key of 2048 bits: %T", key)
	}
	return public
}
